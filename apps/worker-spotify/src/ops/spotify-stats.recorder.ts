import {
  BufferedRedisMetrics,
  opsKeys,
  STAGE_BUCKETS_S,
  upstreamRequestField,
  type Logger,
  type OpsKeys,
  type SpotifyBudgetConfig,
  type SpotifyWorkerStage,
} from '@albumboard/observability';
import type { UpstreamRequestInfo } from '@albumboard/spotify-client';
import type { RedisConnection } from '@albumboard/redis-connection';

const HOUR_MS = 3_600_000;

/**
 * Writes worker-spotify's numbers to Redis for the api's `/api/v1/status` and `/metrics` (keys in `opsKeys`): the
 * budget settings at start; one counter per upstream answer by endpoint and status and the stage histograms (each
 * upstream request, each job's processing), buffered and written once a second; a timestamp per 429, kept for an hour,
 * at once. Writes are fire-and-forget: a failed write is logged once and never fails a Spotify call.
 */
export class SpotifyStatsRecorder {
  private readonly keys: OpsKeys;
  private readonly buffered: BufferedRedisMetrics;
  private warned = false;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string,
    private readonly logger: Logger,
    options: { flushMs?: number } = {},
  ) {
    this.keys = opsKeys(prefix);
    this.buffered = new BufferedRedisMetrics(redis, { logger, flushMs: options.flushMs });
  }

  /** One observation of a stage of a Spotify call (`P:ops:spotify-stage:<stage>`). */
  stage(stage: SpotifyWorkerStage, seconds: number): void {
    this.buffered.observe(this.keys.spotifyStage(stage), seconds, STAGE_BUCKETS_S);
  }

  /** Writes what is buffered (worker-spotify's close). */
  close(): Promise<void> {
    return this.buffered.close();
  }

  /** Publishes the budget settings this worker enforces (`P:spotify:budget-config`). */
  async publishBudgetConfig(config: Omit<SpotifyBudgetConfig, 'publishedAt'>): Promise<void> {
    const value: SpotifyBudgetConfig = { ...config, publishedAt: Date.now() };
    await this.redis.set(this.keys.spotifyBudgetConfig, JSON.stringify(value));
  }

  /** The SpotifyClient's `onUpstreamResponse` hook. */
  record(info: UpstreamRequestInfo): void {
    this.buffered.increment(this.keys.spotifyUpstreamRequests, upstreamRequestField(info.endpoint, info.status));
    this.stage('upstream_request', info.durationMs / 1000);
    if (info.status !== 429) return;
    const now = Date.now();
    const pipeline = this.redis
      .multi()
      .zadd(this.keys.spotifyUpstream429, now, `${now}-${Math.random().toString(36).slice(2, 10)}`)
      .zremrangebyscore(this.keys.spotifyUpstream429, '-inf', now - HOUR_MS)
      .pexpire(this.keys.spotifyUpstream429, HOUR_MS);
    pipeline.exec().catch((error: unknown) => {
      if (this.warned) return;
      this.warned = true;
      this.logger.warn({ err: error }, 'could not record Spotify request statistics in Redis');
    });
  }
}
