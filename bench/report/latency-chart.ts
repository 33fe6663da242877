import type { DesignName } from '../designs/design';
import { DESIGN_COLORS } from './design-colors';
import { type Series, legend, polyline, svgDocument, text } from './svg-primitives';

export interface LatencyChartInput {
  title: string;
  designs: { design: DesignName; latenciesMs: number[] }[];
}

const LOG_MIN = 1;

/** Cumulative distribution of answer latencies (all answers), log-scale x axis, one line per design. */
export function renderLatencyChart(input: LatencyChartInput): string {
  const box = { x: 60, y: 50, width: 670, height: 300 };
  const maxMs = Math.max(10, ...input.designs.flatMap((d) => d.latenciesMs));
  const decades = Math.ceil(Math.log10(maxMs));
  const sx = (ms: number): number => box.x + (Math.log10(Math.max(LOG_MIN, ms)) / decades) * box.width;
  const sy = (share: number): number => box.y + box.height - share * box.height;
  const body: string[] = [
    text(400, 18, input.title, 'text-anchor="middle" font-size="14" font-weight="bold"'),
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="#999"/>`,
  ];
  for (let d = 0; d <= decades; d += 1) {
    const x = sx(10 ** d);
    body.push(`<line x1="${x}" x2="${x}" y1="${box.y}" y2="${box.y + box.height}" stroke="#eee"/>`);
    body.push(text(x, box.y + box.height + 14, `${10 ** d} ms`, 'text-anchor="middle"'));
  }
  for (const p of [0, 0.25, 0.5, 0.75, 0.9, 1]) {
    body.push(`<line x1="${box.x}" x2="${box.x + box.width}" y1="${sy(p)}" y2="${sy(p)}" stroke="#eee"/>`);
    body.push(text(box.x - 6, sy(p) + 4, `${Math.round(p * 100)} %`, 'text-anchor="end"'));
  }
  body.push(text(box.x + box.width / 2, box.y + box.height + 32, 'answer latency (log scale)', 'text-anchor="middle"'));
  const series: Series[] = input.designs.map((d) => {
    const sorted = [...d.latenciesMs].sort((a, b) => a - b);
    // A step function: at each latency the share of answers at or below it jumps up.
    const points: [number, number][] = sorted.flatMap((ms, i): [number, number][] => [
      [sx(ms), sy(i / sorted.length)],
      [sx(ms), sy((i + 1) / sorted.length)],
    ]);
    return { label: `${d.design} (n=${sorted.length})`, color: DESIGN_COLORS[d.design], points };
  });
  for (const s of series) body.push(polyline(s.points, s.color, false, 2));
  body.push(...legend({ ...box, y: box.y }, series));
  return svgDocument(800, 400, body);
}
