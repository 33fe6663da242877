import { RatingStoreError, RatingStoreValidationError } from '@albumboard/rating-store';
import { ApiError } from './api-error';

/** Seconds to wait before retrying when the database does not answer. */
export const DATABASE_RETRY_AFTER_S = 5;

export function databaseUnavailable(): ApiError {
  return new ApiError(503, 'database_unavailable', 'The ratings database is unavailable; try again shortly', {
    retryAfterS: DATABASE_RETRY_AFTER_S,
  });
}

export function albumNotFound(): ApiError {
  return new ApiError(404, 'album_not_found', 'No album with this id exists on Spotify');
}

/**
 * Maps a `RatingStoreError` onto the answer the client sees; null for anything else (and for `internal`, which the
 * error handler answers as a logged 500). Messages are fixed: nothing from the database leaks.
 */
export function apiErrorFromRatingStore(error: unknown): ApiError | null {
  if (!(error instanceof RatingStoreError)) return null;
  switch (error.code) {
    case 'validation':
      return new ApiError(400, 'invalid_request', 'Invalid request', {
        details: error instanceof RatingStoreValidationError ? error.issues : undefined,
      });
    case 'album_not_found':
      return albumNotFound();
    case 'forbidden':
      return new ApiError(403, 'forbidden', 'You may not change this rating');
    case 'unavailable':
      return databaseUnavailable();
    default:
      return null;
  }
}
