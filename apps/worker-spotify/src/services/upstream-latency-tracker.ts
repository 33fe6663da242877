import type { Logger } from '@albumboard/observability';
import type { RedisConnection } from '@albumboard/redis-connection';
import { spotifyKeys, type UpstreamRequestInfo } from '@albumboard/spotify-client';

export interface UpstreamLatencyTrackerOptions {
  redis: RedisConnection;
  /** QUEUE_PREFIX: the estimate is published at `P:spotify:upstream-latency`. */
  prefix: string;
  logger: Logger;
  /** Successful requests the median is taken over. */
  samples?: number;
  /** The published estimate expires after this long without a refresh (a stopped worker's estimate goes away). */
  ttlMs?: number;
}

/** A published estimate is rewritten when the median moves by more than this share of it (or by `MIN_CHANGE_MS`). */
const CHANGE_SHARE = 0.1;
const MIN_CHANGE_MS = 5;

/**
 * How long Spotify typically takes to answer one request: the median duration of this worker's last successful
 * upstream requests (2xx; failures and hangs say nothing about a normal answer). The budget gate adds it when it
 * decides whether a wait still ends in time, and it is published to Redis for the api's admission, rewritten only
 * when it moves (and before it expires), so a steady deployment writes it about once per expiry.
 *
 * Written here rather than taken from a library: a fixed ring of numbers and a sort of at most `samples` of them.
 */
export class UpstreamLatencyTracker {
  private readonly ring: number[] = [];
  private next = 0;
  /** The median of `ring`, kept as it changes: the gate reads it on every wait it decides. */
  private median = 0;
  private published: { ms: number; at: number } | undefined;
  private warned = false;
  private readonly key: string;
  private readonly size: number;
  private readonly ttlMs: number;

  constructor(private readonly options: UpstreamLatencyTrackerOptions) {
    this.key = spotifyKeys(options.prefix).upstreamLatency;
    this.size = options.samples ?? 32;
    this.ttlMs = options.ttlMs ?? 600_000;
  }

  /** The SpotifyClient's `onUpstreamResponse` hook. */
  observe(info: UpstreamRequestInfo): void {
    if (typeof info.status !== 'number' || info.status < 200 || info.status >= 300) return;
    if (this.ring.length < this.size) this.ring.push(info.durationMs);
    else this.ring[this.next] = info.durationMs;
    this.next = (this.next + 1) % this.size;
    const sorted = [...this.ring].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    this.median = Math.round(sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
    this.publishIfMoved();
  }

  /** The median of the recent successful requests, in whole ms; 0 before the first. */
  typicalMs(): number {
    return this.median;
  }

  private publishIfMoved(): void {
    const ms = this.median;
    const now = Date.now();
    const last = this.published;
    if (last && now - last.at < this.ttlMs / 2 && Math.abs(ms - last.ms) <= Math.max(MIN_CHANGE_MS, last.ms * CHANGE_SHARE)) return;
    this.published = { ms, at: now };
    this.options.redis.set(this.key, String(ms), 'PX', this.ttlMs).catch((error: unknown) => {
      this.published = undefined; // try again with the next answer
      if (this.warned) return;
      this.warned = true;
      this.options.logger.warn({ err: error }, 'could not publish the upstream response time to Redis');
    });
  }
}
