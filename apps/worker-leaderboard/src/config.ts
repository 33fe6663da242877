import { redactConfig } from '@albumboard/observability';
import { LEADERBOARD_RECOMPUTE_EVERY_MS_DEFAULT } from '@albumboard/queue-contracts';
import { describeBackend, type RatingStoreConfig, parseRatingStoreEnv } from '@albumboard/rating-store';
import { ConfigError, summarizeIssues, workerEnvShape } from '@albumboard/worker-runtime';
import { redisSettingsOf, refineRedisEnv, type RedisSettings } from '@albumboard/redis-connection';
import { z } from 'zod';

const envSchema = z.object({
  ...workerEnvShape,
  /** Period of the scheduled recompute of each window (`all`, `week`). */
  LEADERBOARD_RECOMPUTE_EVERY_MS: z.coerce.number().int().min(1_000).max(24 * 3600 * 1000).default(LEADERBOARD_RECOMPUTE_EVERY_MS_DEFAULT),
}).superRefine(refineRedisEnv);

export interface LeaderboardWorkerConfig {
  /** REDIS_URL, TLS, Cluster/Sentinel and QUEUE_PREFIX, from the one schema of @albumboard/redis-connection. */
  redis: RedisSettings;
  queuePrefix: string;
  healthPort?: number;
  logLevel: string;
  logPretty: boolean;
  recomputeEveryMs: number;
  ratingStore: RatingStoreConfig;
}

/** Parses worker-leaderboard's settings once; throws a ConfigError (one line naming every bad variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LeaderboardWorkerConfig {
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
    recomputeEveryMs: e.LEADERBOARD_RECOMPUTE_EVERY_MS,
    ratingStore: store.config,
  };
}

/** The config without secrets, for the start-up log line. */
export function describeConfig(config: LeaderboardWorkerConfig): Record<string, unknown> {
  return { ...config, redis: { ...config.redis, url: String(redactConfig({ url: config.redis.url }).url) }, ratingStore: describeBackend(config.ratingStore) };
}
