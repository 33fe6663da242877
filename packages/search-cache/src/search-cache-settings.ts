import { redisUrlSetting } from '@albumboard/redis-connection';
import { z } from 'zod';

/**
 * The cache's own settings, by environment variable name (spread into the api's schema):
 * - SEARCH_CACHE_MAX_MB: the cache's memory budget in MiB (Redis's `mb`), a whole number ≥ 1; unset: chosen from the
 *   server (`cache-budget.ts`).
 * - CACHE_REDIS_URL: a separate Redis for the cache (standalone, e.g. one with `maxmemory-policy allkeys-lru`); unset:
 *   the cache shares REDIS_URL's server with the queues. TLS settings are REDIS_URL's.
 */
export const searchCacheEnvShape = {
  SEARCH_CACHE_MAX_MB: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number of MiB (at least 1)')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1 (MiB)').max(1_048_576, 'must be at most 1048576 (MiB)'))
    .optional(),
  CACHE_REDIS_URL: redisUrlSetting.optional(),
};
