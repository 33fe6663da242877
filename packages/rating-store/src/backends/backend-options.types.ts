import type { RatingStoreLogger } from '../logger.types';

/** Options every back end accepts. */
export interface CommonStoreOptions {
  /** pino-compatible logger; the store logs through a child `{ component: 'rating-store' }`. */
  logger?: RatingStoreLogger;
}

/** Options of the back ends the package migrates itself (PostgreSQL). */
export interface MigratingStoreOptions extends CommonStoreOptions {
  /** Directory of the SQL migrations; default: `defaultMigrationsDir()`. */
  migrationsDir?: string;
  /** Apply pending migrations before returning the store (default true). */
  migrate?: boolean;
}
