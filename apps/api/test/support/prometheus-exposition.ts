import parsePrometheusTextFormat from 'parse-prometheus-text-format';

interface ParsedFamily {
  name: string;
  type: string;
  metrics: Array<{ value?: string; labels?: Record<string, string> }>;
}

/** A parsed exposition: its families, and the value of one sample by its exposition name and labels. */
export interface Exposition {
  families: ParsedFamily[];
  sample(name: string, labels?: Record<string, string>): number | undefined;
}

/**
 * Parses a Prometheus text exposition with parse-prometheus-text-format, after checking what that parser tolerates:
 * each family's HELP and TYPE appear once, and no series appears twice.
 */
export function parseExposition(text: string): Exposition {
  const typeLines = text.split('\n').filter((line) => line.startsWith('# TYPE '));
  const helpLines = text.split('\n').filter((line) => line.startsWith('# HELP '));
  const series = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.slice(0, line.lastIndexOf(' ')));
  for (const [what, lines] of [['TYPE', typeLines.map((l) => l.split(' ')[2])], ['HELP', helpLines.map((l) => l.split(' ')[2])], ['series', series]] as const) {
    const repeated = lines.filter((line, i) => lines.indexOf(line) !== i);
    if (repeated.length > 0) throw new Error(`the exposition repeats ${what}: ${repeated.slice(0, 3).join(', ')}`);
  }
  const families = parsePrometheusTextFormat(text) as ParsedFamily[];
  // The library drops the _sum and _count of labelled histograms, so samples are looked up on the lines themselves.
  const samples = series.map((key, i) => {
    const line = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))[i];
    const brace = key.indexOf('{');
    const labels: Record<string, string> = {};
    if (brace >= 0) for (const m of key.slice(brace + 1, -1).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1]] = m[2];
    return { name: brace >= 0 ? key.slice(0, brace) : key, labels, value: Number(line.slice(line.lastIndexOf(' ') + 1)) };
  });
  return {
    families,
    sample(name, want = {}) {
      return samples.find((s) => s.name === name && Object.entries(want).every(([k, v]) => s.labels[k] === v))?.value;
    },
  };
}
