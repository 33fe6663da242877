import type { RatingStore } from './rating-store.types';
import type { RatingStoreConfig } from './config/rating-store-config.schema';
import type { RatingStoreLogger } from './logger.types';
import { createPostgresRatingStore } from './backends/postgres.backend';
import { createSupabaseRatingStore } from './backends/supabase.backend';

/** Dependencies of `createRatingStore`; each is used only by the back ends it concerns. */
export interface RatingStoreDeps {
  logger?: RatingStoreLogger;
  /** Supabase: fetch used by supabase-js (tests). */
  fetch?: typeof fetch;
  /** Supabase: per-request timeout in ms (default 10 000). */
  requestTimeoutMs?: number;
  /** PostgreSQL: migrations directory (default: bundled / repository migrations). */
  migrationsDir?: string;
  /** PostgreSQL: pool size (default 10). */
  poolMax?: number;
}

/**
 * The store for a parsed configuration (see `ratingStoreConfigSchema`). The PostgreSQL
 * store applies pending migrations before they resolve; the Supabase store does not.
 */
export function createRatingStore(config: RatingStoreConfig, deps: RatingStoreDeps = {}): Promise<RatingStore> {
  switch (config.backend) {
    case 'supabase':
      return createSupabaseRatingStore({
        supabaseUrl: config.supabaseUrl,
        serviceRoleKey: config.serviceRoleKey,
        logger: deps.logger,
        fetch: deps.fetch,
        requestTimeoutMs: deps.requestTimeoutMs,
      });
    case 'postgres':
      return createPostgresRatingStore({
        databaseUrl: config.databaseUrl,
        logger: deps.logger,
        migrationsDir: deps.migrationsDir,
        poolMax: deps.poolMax,
      });
  }
}
