export type {
  Album,
  AlbumInfo,
  AlbumInput,
  AlbumWithSummary,
  ArtistRef,
  LeaderboardBoard,
  LeaderboardEntry,
  LeaderboardPage,
  LeaderboardWindow,
  PageOptions,
  Rating,
  RatingStore,
  RatingStoreBackend,
  RatingSummary,
  StaleAlbum,
  UserRating,
} from './rating-store.types';
export { LEADERBOARD_WINDOWS } from './rating-store.types';
export type { RatingStoreLogger } from './logger.types';
export {
  RatingStoreError,
  RatingStoreMigrationError,
  RatingStoreValidationError,
  isRatingStoreError,
} from './rating-store.errors';
export type { RatingStoreErrorCode, ValidationIssue } from './rating-store.errors';
export { NO_RATING_STORE_MESSAGE, ratingStoreConfigSchema } from './config/rating-store-config.schema';
export type { RatingStoreConfig, RatingStoreEnv } from './config/rating-store-config.schema';
export { describeBackend } from './config/describe-backend';
export { createRatingStore } from './create-rating-store';
export type { RatingStoreDeps } from './create-rating-store';
export { createPostgresRatingStore } from './backends/postgres.backend';
export type { PostgresStoreOptions } from './backends/postgres.backend';
export { createSupabaseRatingStore } from './backends/supabase.backend';
export type { SupabaseStoreOptions } from './backends/supabase.backend';
export { defaultMigrationsDir } from './migrate/migrations-dir';
export { LEADERBOARD_PRIOR_MEAN, LEADERBOARD_PRIOR_WEIGHT, bayesianScore } from './leaderboard-score';
export {
  albumIdSchema,
  albumInputSchema,
  leaderboardWindowSchema,
  pageSchema,
  scoreSchema,
  userIdSchema,
} from './inputs.schema';
