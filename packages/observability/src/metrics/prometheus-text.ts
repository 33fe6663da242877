/** One sample line: `name{labels} value`. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A metric family: its HELP and TYPE lines and every sample that belongs to it. */
export interface PrometheusFamily {
  name: string;
  help?: string;
  type?: string;
  samples: PrometheusSample[];
}

export class PrometheusParseError extends Error {
  constructor(message: string, line: number) {
    super(`Prometheus text, line ${line}: ${message}`);
    this.name = 'PrometheusParseError';
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SUFFIXES = ['_bucket', '_sum', '_count', '_created', '_total', '_info'];

function familyNameOf(sample: string, declared: Map<string, PrometheusFamily>): string {
  if (declared.has(sample)) return sample;
  for (const suffix of SUFFIXES) {
    if (!sample.endsWith(suffix)) continue;
    const base = sample.slice(0, -suffix.length);
    if (declared.has(base)) return base;
  }
  return sample;
}

function parseValue(raw: string, line: number): number {
  // Case-insensitive like Prometheus' own parser (prom-client writes `Nan`).
  const lower = raw.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  const value = Number(raw);
  if (raw === '' || Number.isNaN(value)) throw new PrometheusParseError(`bad sample value "${raw}"`, line);
  return value;
}

/** Reads `{a="1", b="x\"y"}` starting at `text[start] === '{'`; returns the labels and the index after `}`. */
function parseLabels(text: string, start: number, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i += 1;
    if (text[i] === '}') return { labels, end: i + 1 };
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new PrometheusParseError('unterminated label set', line);
    const name = text.slice(i, eq).trim();
    if (!NAME.test(name) || text[eq + 1] !== '"') throw new PrometheusParseError(`bad label near "${text.slice(i, i + 20)}"`, line);
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j += 1) {
      if (text[j] === '\\') {
        j += 1;
        value += text[j] === 'n' ? '\n' : text[j];
      } else value += text[j];
    }
    if (j >= text.length) throw new PrometheusParseError('unterminated label value', line);
    if (name in labels) throw new PrometheusParseError(`label "${name}" given twice`, line);
    labels[name] = value;
    i = j + 1;
  }
}

function parseSample(text: string, line: number): PrometheusSample {
  const brace = text.indexOf('{');
  const space = text.indexOf(' ');
  let name: string;
  let labels: Record<string, string> = {};
  let rest: string;
  if (brace >= 0 && (space < 0 || brace < space)) {
    name = text.slice(0, brace);
    const parsed = parseLabels(text, brace, line);
    labels = parsed.labels;
    rest = text.slice(parsed.end).trim();
  } else {
    name = text.slice(0, space < 0 ? text.length : space);
    rest = space < 0 ? '' : text.slice(space + 1).trim();
  }
  if (!NAME.test(name)) throw new PrometheusParseError(`bad metric name "${name}"`, line);
  const [value = ''] = rest.split(/\s+/);
  return { name, labels, value: parseValue(value, line) };
}

export interface ParseOptions {
  /**
   * Reject what a Prometheus server rejects or warns about: a second HELP or TYPE for a family, a family whose
   * lines are not contiguous, and the same series twice.
   */
  strict?: boolean;
}

/** Parses the Prometheus text exposition format (version 0.0.4) into metric families, in order of appearance. */
export function parsePrometheusText(text: string, options: ParseOptions = {}): PrometheusFamily[] {
  const families = new Map<string, PrometheusFamily>();
  const series = new Set<string>();
  let current: string | undefined;
  const family = (name: string, line: number): PrometheusFamily => {
    let found = families.get(name);
    if (!found) {
      found = { name, samples: [] };
      families.set(name, found);
    } else if (options.strict && current !== name) {
      throw new PrometheusParseError(`lines of family "${name}" are not contiguous`, line);
    }
    current = name;
    return found;
  };
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const meta = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(trimmed);
    if (meta) {
      const [, kind, name, rest = ''] = meta;
      if (!NAME.test(name)) throw new PrometheusParseError(`bad metric name "${name}"`, line);
      const target = family(name, line);
      const key = kind === 'HELP' ? 'help' : 'type';
      if (options.strict && target[key] !== undefined) throw new PrometheusParseError(`second ${kind} line for "${name}"`, line);
      if (options.strict && kind === 'TYPE' && target.samples.length > 0) throw new PrometheusParseError(`TYPE after samples of "${name}"`, line);
      target[key] ??= rest;
      return;
    }
    if (trimmed.startsWith('#')) return;
    const sample = parseSample(trimmed, line);
    const id = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (options.strict && series.has(id)) throw new PrometheusParseError(`series ${sample.name} given twice`, line);
    series.add(id);
    family(familyNameOf(sample.name, families), line).samples.push(sample);
  });
  return [...families.values()];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** Writes families back as Prometheus text: each family's HELP, TYPE and samples together. */
export function formatPrometheusText(families: readonly PrometheusFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (family.help !== undefined) lines.push(`# HELP ${family.name} ${family.help}`);
    if (family.type !== undefined) lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      lines.push(`${sample.name}${labels.length ? `{${labels.join(',')}}` : ''} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Merges several Prometheus texts (prom-client's registry, BullMQ's `exportPrometheusMetrics()` of each queue) into
 * one valid exposition: one HELP and one TYPE per family, each family's samples together, a series given twice kept
 * once (the first wins).
 */
export function mergePrometheusText(...texts: string[]): string {
  const merged = new Map<string, PrometheusFamily>();
  const seen = new Set<string>();
  for (const text of texts) {
    for (const family of parsePrometheusText(text)) {
      const target = merged.get(family.name) ?? { name: family.name, samples: [] };
      target.help ??= family.help;
      target.type ??= family.type;
      for (const sample of family.samples) {
        const id = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
        if (seen.has(id)) continue;
        seen.add(id);
        target.samples.push(sample);
      }
      merged.set(family.name, target);
    }
  }
  return formatPrometheusText([...merged.values()]);
}
