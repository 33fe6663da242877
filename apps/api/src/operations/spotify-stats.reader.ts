import {
  histogramFromHash,
  opsKeys,
  parseSpotifyBudgetConfig,
  parseUpstreamRequestField,
  STAGE_BUCKETS_S,
  type HistogramSnapshot,
  type OpsKeys,
  type SpotifyBudgetConfig,
  type SpotifyWorkerStage,
} from '@albumboard/observability';
import type { QueueName } from '@albumboard/queue-contracts';
import { CooldownStore, spotifyKeys, type Cooldown, type SpotifyKeys } from '@albumboard/spotify-client';
import type { RedisConnection } from '@albumboard/redis-connection';

/** Spotify's window without a published config: 30 s plus worker-spotify's default margin. */
const DEFAULT_WINDOW_MS = 31_000;
const HOUR_MS = 3_600_000;

export interface SpotifyBudgetState {
  /** Published by worker-spotify at start; null until one has started on this prefix. */
  config: SpotifyBudgetConfig | null;
  windowMs: number;
  /** Upstream requests sent in the current rolling window. */
  used: number;
  /**
   * The limit the gate enforces now: the adaptive limit worker-spotify learned from a 429 while it is below the
   * configured budget, else the budget; null without a config.
   */
  limitInForce: number | null;
  /** The learned adaptive limit, or null when none is recorded. */
  adaptiveLimit: number | null;
  /** `limitInForce - used` (not below 0), or null without a config. */
  remaining: number | null;
}

export interface UpstreamCount {
  endpoint: string;
  status: string;
  count: number;
}

export interface SpotifyStats {
  budget: SpotifyBudgetState;
  /** End (epoch ms) of a short Retry-After pause in force, or null. */
  pauseUntil: number | null;
  cooldown: Cooldown | null;
  upstream429LastHour: number;
  upstreamRequests: UpstreamCount[];
  now: number;
}

/** Reads what worker-spotify keeps in Redis: budget spending, pause, cool-down, upstream answers and 429s. */
export class SpotifyStatsReader {
  private readonly ops: OpsKeys;
  private readonly spotify: SpotifyKeys;
  private readonly cooldowns: CooldownStore;

  constructor(private readonly redis: RedisConnection, prefix: string) {
    this.ops = opsKeys(prefix);
    this.spotify = spotifyKeys(prefix);
    this.cooldowns = new CooldownStore(redis, prefix);
  }

  async read(): Promise<SpotifyStats> {
    const [seconds, micros] = await this.redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const config = parseSpotifyBudgetConfig(await this.redis.get(this.ops.spotifyBudgetConfig));
    const windowMs = config?.windowMs ?? DEFAULT_WINDOW_MS;
    const [used, pauseRaw, cooldown, recent429, counters, learnedRaw] = await Promise.all([
      this.redis.zcount(this.spotify.budget, `(${now - windowMs}`, '+inf'),
      this.redis.get(this.spotify.pauseUntil),
      this.cooldowns.get(),
      this.redis.zcount(this.ops.spotifyUpstream429, `(${now - HOUR_MS}`, '+inf'),
      this.redis.hgetall(this.ops.spotifyUpstreamRequests),
      this.redis.hget(this.spotify.adaptive, 'limit'),
    ]);
    const learned = Number(learnedRaw);
    const adaptiveLimit = learnedRaw !== null && learned > 0 ? learned : null;
    const limitInForce = config ? (adaptiveLimit !== null && adaptiveLimit < config.budget ? adaptiveLimit : config.budget) : null;
    const pauseUntil = pauseRaw !== null && Number(pauseRaw) > now ? Number(pauseRaw) : null;
    const upstreamRequests = Object.entries(counters)
      .map(([field, count]) => ({ ...parseUpstreamRequestField(field), count: Number(count) || 0 }))
      .sort((a, b) => a.endpoint.localeCompare(b.endpoint) || a.status.localeCompare(b.status));
    return {
      budget: { config, windowMs, used, limitInForce, adaptiveLimit, remaining: limitInForce === null ? null : Math.max(0, limitInForce - used) },
      pauseUntil,
      cooldown,
      upstream429LastHour: recent429,
      upstreamRequests,
      now,
    };
  }

  /** The histogram worker-spotify records for one stage of its calls. */
  async stage(stage: SpotifyWorkerStage): Promise<HistogramSnapshot> {
    return histogramFromHash(await this.redis.hgetall(this.ops.spotifyStage(stage)), STAGE_BUCKETS_S);
  }

  /** Jobs of `queue` the workers saw finish: completed, and failed with no retry left (counters, never reset). */
  async queueJobs(queue: QueueName): Promise<{ completed: number; failed: number }> {
    const [completed, failed] = await this.redis.hmget(this.ops.queueJobs(queue), 'completed', 'failed');
    return { completed: Number(completed) || 0, failed: Number(failed) || 0 };
  }

  /** The queue-wait histogram the workers record for `queue`. */
  async queueWait(queue: QueueName): Promise<HistogramSnapshot> {
    return histogramFromHash(await this.redis.hgetall(this.ops.queueWait(queue)));
  }
}
