/**
 * The last `capacity` observations of a value (e.g. a Spotify call's time from enqueue to result), in a ring buffer:
 * memory stays bounded however long the process runs, and percentiles describe recent behaviour, not the whole uptime.
 */
export class RecentSamples {
  private readonly values: number[] = [];
  private next = 0;

  constructor(readonly capacity = 500) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  add(value: number): void {
    if (!Number.isFinite(value)) return;
    if (this.values.length < this.capacity) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.values.length;
  }

  /** The nearest-rank percentile `p` (0–100) of the kept samples, or null when there are none. */
  percentile(p: number): number | null {
    if (this.values.length === 0) return null;
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
