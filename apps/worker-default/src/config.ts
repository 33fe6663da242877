import { describeBackend, ratingStoreConfigSchema, type RatingStoreConfig } from '@albumboard/rating-store';
import { refineRedisEnv } from '@albumboard/redis-connection';
import { parseEnvParts } from '@albumboard/env-config';
import { describeWorkerSettings, workerEnvShape, workerSettingsOf, type WorkerSettings } from '@albumboard/worker-runtime';
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

export interface DefaultWorkerConfig extends WorkerSettings {
  spotifyCallTimeoutMs: number;
  concurrency: number;
  catalogRefresh: CatalogRefreshSchedule;
  ratingStore: RatingStoreConfig;
}

/** Parses worker-default's settings once; throws a ConfigError (one line naming every bad variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DefaultWorkerConfig {
  const { worker: e, ratingStore } = parseEnvParts({ worker: envSchema, ratingStore: ratingStoreConfigSchema }, env);
  return {
    ...workerSettingsOf(e),
    spotifyCallTimeoutMs: e.SPOTIFY_CALL_TIMEOUT_MS,
    concurrency: e.DEFAULT_WORKER_CONCURRENCY,
    catalogRefresh: { everyMs: e.CATALOG_REFRESH_EVERY_MS, olderThanDays: e.CATALOG_REFRESH_AFTER_DAYS, batch: e.CATALOG_REFRESH_BATCH },
    ratingStore,
  };
}

/** The config without secrets, for the start-up log line. */
export function describeConfig(config: DefaultWorkerConfig): Record<string, unknown> {
  return { ...describeWorkerSettings(config), ratingStore: describeBackend(config.ratingStore) };
}
