/**
 * Counting upstream requests the way Spotify does: over a rolling 30 s window.
 * All functions take epoch-millisecond timestamps; none of them needs the input sorted.
 */

export const SPOTIFY_WINDOW_MS = 30_000;

function sorted(timestamps: readonly number[]): number[] {
  return [...timestamps].sort((a, b) => a - b);
}

/**
 * The largest number of timestamps inside any half-open window `[t, t + windowMs)`.
 * The busiest window always starts at some event, so a two-pointer sweep over the sorted events is exact.
 */
export function maxInRollingWindow(timestamps: readonly number[], windowMs = SPOTIFY_WINDOW_MS): number {
  const ts = sorted(timestamps);
  let best = 0;
  let tail = 0;
  for (let head = 0; head < ts.length; head += 1) {
    while (ts[head] - ts[tail] >= windowMs) tail += 1;
    best = Math.max(best, head - tail + 1);
  }
  return best;
}

/** How many timestamps fall in `(end - windowMs, end]`. */
export function countInWindowEndingAt(timestamps: readonly number[], end: number, windowMs = SPOTIFY_WINDOW_MS): number {
  let n = 0;
  for (const t of timestamps) if (t > end - windowMs && t <= end) n += 1;
  return n;
}

/**
 * The mean of the rolling count, sampled every `stepMs` over the windows that lie fully inside `[start, end]`
 * (window ends from `start + windowMs` to `end`). When the span is shorter than a window it is the only window:
 * the plain count inside it.
 */
export function meanRollingCount(
  timestamps: readonly number[],
  start: number,
  end: number,
  windowMs = SPOTIFY_WINDOW_MS,
  stepMs = 1000,
): number {
  if (end - start < windowMs) return timestamps.filter((t) => t >= start && t <= end).length;
  const samples: number[] = [];
  for (let windowEnd = start + windowMs; windowEnd <= end; windowEnd += stepMs) {
    samples.push(countInWindowEndingAt(timestamps, windowEnd, windowMs));
  }
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** Events per bucket of `bucketMs` from `start` (inclusive) to `end` (exclusive); for charts. */
export function countsPerBucket(timestamps: readonly number[], start: number, end: number, bucketMs = 1000): number[] {
  const buckets = new Array<number>(Math.max(0, Math.ceil((end - start) / bucketMs))).fill(0);
  for (const t of timestamps) {
    const i = Math.floor((t - start) / bucketMs);
    if (i >= 0 && i < buckets.length) buckets[i] += 1;
  }
  return buckets;
}
