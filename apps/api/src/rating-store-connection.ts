import type { Logger } from '@albumboard/observability';
import { createRatingStore, ratingStoreConfigSchema, type RatingStore, type RatingStoreConfig } from '@albumboard/rating-store';
import type { ApiConfig } from './config';

/**
 * The rating store back end for the parsed config: Supabase (SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY), PostgreSQL
 * (DATABASE_URL — what the stack launcher passes when it runs the embedded PostgreSQL). config.ts has already
 * validated the combination (one of them is required), so this cannot fail.
 */
export function ratingStoreConfigOf(config: ApiConfig): RatingStoreConfig {
  return ratingStoreConfigSchema.parse({
    SUPABASE_URL: config.SUPABASE_URL,
    SUPABASE_SERVICE_ROLE_KEY: config.SUPABASE_SERVICE_ROLE_KEY,
    DATABASE_URL: config.DATABASE_URL,
  });
}

/** Opens the store (PostgreSQL applies pending migrations first). The caller closes it. */
export function openRatingStore(config: ApiConfig, logger: Logger): Promise<RatingStore> {
  return createRatingStore(ratingStoreConfigOf(config), { logger }); // the store logs as component rating-store
}
