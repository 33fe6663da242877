/** Hand-rolled SVG building blocks for the benchmark charts (no chart library). */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Series {
  label: string;
  color: string;
  points: [number, number][];
  dashed?: boolean;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

export function polyline(points: [number, number][], color: string, dashed = false, width = 1.5): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<polyline fill="none" stroke="${color}" stroke-width="${width}"${dashed ? ' stroke-dasharray="6 4"' : ''} points="${d}"/>`;
}

/** "Nice" tick values covering [0, max]. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}

/** One row of swatches above `box`, each entry as wide as its label (about 6.2 px per character at 11 px). */
export function legend(box: Box, series: Pick<Series, 'label' | 'color' | 'dashed'>[]): string[] {
  let x = box.x + 8;
  const y = box.y - 8;
  return series.map((s) => {
    const entry = `${polyline([[x, y - 3], [x + 18, y - 3]], s.color, s.dashed, 2.5)}${text(x + 22, y, s.label)}`;
    x += 22 + s.label.length * 6.2 + 16;
    return entry;
  });
}

/** Axes, grid and labelled ticks for a linear x/y plot; returns scale functions with the markup. */
export function linearAxes(
  box: Box,
  xMax: number,
  yMax: number,
  labels: { x: string; y: string },
): { markup: string[]; sx: (v: number) => number; sy: (v: number) => number } {
  const sx = (v: number): number => box.x + (v / (xMax || 1)) * box.width;
  const sy = (v: number): number => box.y + box.height - (v / (yMax || 1)) * box.height;
  const markup: string[] = [`<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="#999"/>`];
  for (const t of niceTicks(yMax)) {
    markup.push(`<line x1="${box.x}" x2="${box.x + box.width}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#eee"/>`);
    markup.push(text(box.x - 6, sy(t) + 4, String(t), 'text-anchor="end"'));
  }
  for (const t of niceTicks(xMax, 8)) markup.push(text(sx(t), box.y + box.height + 14, String(t), 'text-anchor="middle"'));
  markup.push(text(box.x + box.width / 2, box.y + box.height + 30, labels.x, 'text-anchor="middle"'));
  markup.push(text(box.x - 38, box.y + box.height / 2, labels.y, `text-anchor="middle" transform="rotate(-90 ${box.x - 38} ${box.y + box.height / 2})"`));
  return { markup, sx, sy };
}
