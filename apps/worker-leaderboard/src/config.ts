import { LEADERBOARD_RECOMPUTE_EVERY_MS_DEFAULT } from '@albumboard/queue-contracts';
import { describeBackend, ratingStoreConfigSchema, type RatingStoreConfig } from '@albumboard/rating-store';
import { refineRedisEnv } from '@albumboard/redis-connection';
import { parseEnvParts } from '@albumboard/env-config';
import { describeWorkerSettings, workerEnvShape, workerSettingsOf, type WorkerSettings } from '@albumboard/worker-runtime';
import { z } from 'zod';

const envSchema = z.object({
  ...workerEnvShape,
  /** Period of the scheduled recompute of each window (`all`, `week`). */
  LEADERBOARD_RECOMPUTE_EVERY_MS: z.coerce.number().int().min(1_000).max(24 * 3600 * 1000).default(LEADERBOARD_RECOMPUTE_EVERY_MS_DEFAULT),
}).superRefine(refineRedisEnv);

export interface LeaderboardWorkerConfig extends WorkerSettings {
  recomputeEveryMs: number;
  ratingStore: RatingStoreConfig;
}

/** Parses worker-leaderboard's settings once; throws a ConfigError (one line naming every bad variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LeaderboardWorkerConfig {
  const { worker: e, ratingStore } = parseEnvParts({ worker: envSchema, ratingStore: ratingStoreConfigSchema }, env);
  return { ...workerSettingsOf(e), recomputeEveryMs: e.LEADERBOARD_RECOMPUTE_EVERY_MS, ratingStore };
}

/** The config without secrets, for the start-up log line. */
export function describeConfig(config: LeaderboardWorkerConfig): Record<string, unknown> {
  return { ...describeWorkerSettings(config), ratingStore: describeBackend(config.ratingStore) };
}
