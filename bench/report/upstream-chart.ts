import type { DesignName } from '../designs/design';
import { BUDGET_COLOR, DESIGN_COLORS, REAL_LIMIT_COLOR } from './design-colors';
import { type Box, type Series, legend, linearAxes, polyline, svgDocument, text } from './svg-primitives';

export interface UpstreamChartInput {
  title: string;
  budgetPer30s: number;
  realLimitPer30s: number;
  /** Seconds of offered load (a marker is drawn there; the drain follows). */
  loadSeconds: number;
  designs: { design: DesignName; perSecond: number[]; rollingPer30s: number[] }[];
}

/** Lines above `yCap` are drawn flat at the top (noted in the panel) so the budget stays readable. */
function panel(box: Box, series: Series[], yLabel: string, xMax: number, loadSeconds: number, yCap: number): string[] {
  const highest = Math.max(1, ...series.flatMap((s) => s.points.map(([, y]) => y)));
  const yMax = Math.min(highest * 1.1, yCap);
  const clipped = highest * 1.1 > yCap;
  series = series.map((s) => ({ ...s, points: s.points.map(([x, y]): [number, number] => [x, Math.min(y, yMax)]) }));
  const axes = linearAxes(box, xMax, yMax, { x: 'seconds since start', y: yLabel });
  const note = clipped ? [text(box.x + box.width - 4, box.y + 12, `clipped at ${Math.round(yMax)} (peak ${highest})`, 'text-anchor="end" fill="#666"')] : [];
  const marker = `<line x1="${axes.sx(loadSeconds)}" x2="${axes.sx(loadSeconds)}" y1="${box.y}" y2="${box.y + box.height}" stroke="#bbb" stroke-dasharray="2 3"/>`;
  const lines = series.map((s) => polyline(s.points.map(([x, y]) => [axes.sx(x), axes.sy(y)]), s.color, s.dashed));
  return [...axes.markup, marker, ...lines, ...note, ...legend(box, series)];
}

/** Upstream requests per second and per rolling 30 s over time, one line per design, with the budget. */
export function renderUpstreamChart(input: UpstreamChartInput): string {
  const xMax = Math.max(1, ...input.designs.map((d) => d.perSecond.length));
  const limitDiffers = input.realLimitPer30s !== input.budgetPer30s;
  const flat = (value: number): [number, number][] => [[0, value], [xMax, value]];
  const perSecond: Series[] = input.designs.map((d) => ({ label: d.design, color: DESIGN_COLORS[d.design], points: d.perSecond.map((v, i) => [i + 0.5, v]) }));
  perSecond.push({ label: 'budget/30', color: BUDGET_COLOR, points: flat(input.budgetPer30s / 30), dashed: true });
  const rolling: Series[] = input.designs.map((d) => ({ label: d.design, color: DESIGN_COLORS[d.design], points: d.rollingPer30s.map((v, i) => [i + 1, v]) }));
  rolling.push({ label: 'budget', color: BUDGET_COLOR, points: flat(input.budgetPer30s), dashed: true });
  if (limitDiffers) {
    perSecond.push({ label: 'real limit/30', color: REAL_LIMIT_COLOR, points: flat(input.realLimitPer30s / 30), dashed: true });
    rolling.push({ label: 'real limit', color: REAL_LIMIT_COLOR, points: flat(input.realLimitPer30s), dashed: true });
  }
  const width = 760;
  return svgDocument(width, 560, [
    text(width / 2, 18, input.title, 'text-anchor="middle" font-size="14" font-weight="bold"'),
    ...panel({ x: 60, y: 50, width: 670, height: 180 }, perSecond, 'upstream req/s', xMax, input.loadSeconds, (10 * input.budgetPer30s) / 30),
    ...panel({ x: 60, y: 320, width: 670, height: 180 }, rolling, 'req in last 30 s', xMax, input.loadSeconds, 3 * input.budgetPer30s),
  ]);
}
