import type { Logger } from '../logger';
import { histogramIncrements } from './redis-histogram';

/** What a buffer needs of a Redis connection: a MULTI with HINCRBY and HINCRBYFLOAT (ioredis, standalone or Cluster). */
interface MultiCapable {
  multi(): { hincrby(key: string, field: string, by: number): unknown; hincrbyfloat(key: string, field: string, by: number): unknown; exec(): Promise<unknown> };
}

export interface BufferedRedisMetricsOptions {
  /** How often the increments gathered so far are written (default 1000 ms): /metrics lags by at most this. */
  flushMs?: number;
  logger: Logger;
}

/**
 * Counters and histograms a worker keeps in Redis hashes for the api to export (workers on Heroku have no port to
 * scrape), gathered in memory and written every `flushMs` as one MULTI of one HINCRBY per changed field. One
 * observation of a 15-bucket histogram was 18 commands per job; now a busy worker writes a few commands a second,
 * whatever its rate. A failed write is logged once and its increments are kept for the next flush; `close()` writes
 * what is left.
 */
export class BufferedRedisMetrics {
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly sums = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly redis: MultiCapable,
    private readonly options: BufferedRedisMetricsOptions,
  ) {}

  /** HINCRBY `key` `field` `by`, at the next flush. */
  increment(key: string, field: string, by = 1): void {
    add(this.counts, key, field, by);
    this.schedule();
  }

  /** One observation of `seconds` in the histogram hash `key` (see redis-histogram.ts), at the next flush. */
  observe(key: string, seconds: number, bounds?: readonly number[]): void {
    const { fields, sum } = histogramIncrements(seconds, bounds);
    for (const field of fields) add(this.counts, key, field, 1);
    add(this.sums, key, 'sum', sum);
    this.schedule();
  }

  /** Writes what has been gathered (one MULTI); resolves when it is written or the failure logged. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.flushMs ?? 1000);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    if (this.counts.size === 0 && this.sums.size === 0) return;
    const counts = new Map(this.counts);
    const sums = new Map(this.sums);
    this.counts.clear();
    this.sums.clear();
    const multi = this.redis.multi();
    for (const [key, fields] of counts) for (const [field, by] of fields) multi.hincrby(key, field, by);
    for (const [key, fields] of sums) for (const [field, by] of fields) multi.hincrbyfloat(key, field, by);
    try {
      await multi.exec();
    } catch (error) {
      // Kept for the next flush: a Redis blip delays the numbers, it does not lose them.
      for (const [key, fields] of counts) for (const [field, by] of fields) add(this.counts, key, field, by);
      for (const [key, fields] of sums) for (const [field, by] of fields) add(this.sums, key, field, by);
      this.schedule();
      if (!this.warned) this.options.logger.warn({ err: error }, 'could not write operations numbers to Redis; retrying');
      this.warned = true;
    }
  }
}

function add(target: Map<string, Map<string, number>>, key: string, field: string, by: number): void {
  const fields = target.get(key) ?? new Map<string, number>();
  fields.set(field, (fields.get(field) ?? 0) + by);
  target.set(key, fields);
}
