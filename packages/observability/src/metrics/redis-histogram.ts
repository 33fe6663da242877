/**
 * A Prometheus-style histogram kept in one Redis hash, so several processes can add to it and any process can export
 * it: field `le:<bound>` counts observations ≤ bound (cumulative, like Prometheus buckets), `count` all of them and
 * `sum` their total. Writers HINCRBY the fields `histogramIncrements` names; readers turn HGETALL into buckets.
 */

/** Queue wait buckets in seconds: from a few milliseconds (an idle queue) to minutes (a backlog). */
export const QUEUE_WAIT_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

/** Buckets of the stages of one Spotify call, in seconds: from a Redis round trip to a long upstream request. */
export const STAGE_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface HistogramSnapshot {
  /** `[upper bound, cumulative count]`, ascending, ending with `[+Inf, count]`. */
  buckets: Array<[number, number]>;
  count: number;
  sum: number;
}

/** The integer fields to increment by 1 for one observation of `value`, and the amount to add to `sum`. */
export function histogramIncrements(value: number, bounds: readonly number[] = QUEUE_WAIT_BUCKETS_S): { fields: string[]; sum: number } {
  const v = Math.max(0, value);
  return { fields: [...bounds.filter((bound) => v <= bound).map((bound) => `le:${bound}`), 'count'], sum: v };
}

/** Reads HGETALL of a histogram hash (an empty hash is an empty histogram). */
export function histogramFromHash(hash: Record<string, string>, bounds: readonly number[] = QUEUE_WAIT_BUCKETS_S): HistogramSnapshot {
  const count = Number(hash.count ?? 0) || 0;
  const buckets: Array<[number, number]> = bounds.map((bound) => [bound, Number(hash[`le:${bound}`] ?? 0) || 0]);
  buckets.push([Infinity, count]);
  return { buckets, count, sum: Number(hash.sum ?? 0) || 0 };
}

/** The value below which `q` (0..1) of the observations fall, estimated from buckets like Prometheus' histogram_quantile. */
export function histogramQuantile(q: number, snapshot: HistogramSnapshot): number | null {
  if (snapshot.count === 0) return null;
  const rank = q * snapshot.count;
  let previousBound = 0;
  let previousCount = 0;
  for (const [bound, cumulative] of snapshot.buckets) {
    if (cumulative >= rank) {
      if (bound === Infinity) return previousBound;
      const inBucket = cumulative - previousCount;
      return inBucket === 0 ? bound : previousBound + ((bound - previousBound) * (rank - previousCount)) / inBucket;
    }
    previousBound = bound;
    previousCount = cumulative;
  }
  return previousBound;
}
