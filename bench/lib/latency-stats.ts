/** Latency percentiles (nearest-rank) over a list of millisecond durations. */

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile of an ascending array; null when empty. */
export function percentile(ascending: readonly number[], p: number): number | null {
  if (ascending.length === 0) return null;
  const rank = Math.ceil((p / 100) * ascending.length);
  return ascending[Math.min(ascending.length - 1, Math.max(0, rank - 1))];
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const ascending = [...values].sort((a, b) => a - b);
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: ascending.length,
    p50: round(percentile(ascending, 50)),
    p95: round(percentile(ascending, 95)),
    p99: round(percentile(ascending, 99)),
    max: round(ascending.length ? ascending[ascending.length - 1] : null),
    mean: round(ascending.length ? ascending.reduce((a, b) => a + b, 0) / ascending.length : null),
  };
}
