import { redactConfig } from '@albumboard/observability';
import { describeBackend, type RatingStoreConfig, parseRatingStoreEnv } from '@albumboard/rating-store';
import { ConfigError, summarizeIssues, workerEnvShape } from '@albumboard/worker-runtime';
import { redisSettingsOf, refineRedisEnv, type RedisSettings } from '@albumboard/redis-connection';
import { z } from 'zod';
import type { CatalogRefreshSchedule } from './catalog-refresh-schedule';

const envSchema = z.object({
  ...workerEnvShape,
  /** How long a background Spotify call (through the spotify queue, priority 10) may wait for worker-spotify. */
  SPOTIFY_CALL_TIMEOUT_MS: z.coerce.number().int().min(1).max(300_000).default(30_000),
  /** Jobs of the default queue run at once in this process. */
  DEFAULT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** Catalogue entries refreshed longer ago than this are refreshed from Spotify in the background. */
  CATALOG_REFRESH_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How often the oldest entries are enqueued for a refresh (`catalog.refresh-stale`); 0 turns it off. */
  CATALOG_REFRESH_EVERY_MS: z.coerce.number().int().min(0).max(7 * 24 * 3600 * 1000).default(600_000),
  /** At most this many refreshes enqueued per run. */
  CATALOG_REFRESH_BATCH: z.coerce.number().int().min(1).max(500).default(50),
}).superRefine(refineRedisEnv);

export interface DefaultWorkerConfig {
  /** REDIS_URL, TLS, Cluster/Sentinel and QUEUE_PREFIX, from the one schema of @albumboard/redis-connection. */
  redis: RedisSettings;
  queuePrefix: string;
  healthPort?: number;
  logLevel: string;
  logPretty: boolean;
  spotifyCallTimeoutMs: number;
  concurrency: number;
  catalogRefresh: CatalogRefreshSchedule;
  ratingStore: RatingStoreConfig;
}

/** Parses worker-default's settings once; throws a ConfigError (one line naming every bad variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DefaultWorkerConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  const store = parseRatingStoreEnv(env);
  const problems = [parsed.success ? undefined : summarizeIssues(parsed.error), store.problems].filter(Boolean);
  if (!parsed.success || !store.config) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  const e = parsed.data;
  return {
    redis: redisSettingsOf(e),
    queuePrefix: e.QUEUE_PREFIX,
    healthPort: e.WORKER_HEALTH_PORT,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    spotifyCallTimeoutMs: e.SPOTIFY_CALL_TIMEOUT_MS,
    concurrency: e.DEFAULT_WORKER_CONCURRENCY,
    catalogRefresh: { everyMs: e.CATALOG_REFRESH_EVERY_MS, olderThanDays: e.CATALOG_REFRESH_AFTER_DAYS, batch: e.CATALOG_REFRESH_BATCH },
    ratingStore: store.config,
  };
}

/** The config without secrets, for the start-up log line. */
export function describeConfig(config: DefaultWorkerConfig): Record<string, unknown> {
  return { ...config, redis: { ...config.redis, url: String(redactConfig({ url: config.redis.url }).url) }, ratingStore: describeBackend(config.ratingStore) };
}
