import { RatingStoreError, type RatingStore } from '@albumboard/rating-store';

/**
 * The store of an app built without one (tests of unrelated routes): every call fails as `unavailable`, so the
 * rating routes answer 503 `database_unavailable` instead of crashing.
 */
export function unconfiguredRatingStore(): RatingStore {
  const fail = async (): Promise<never> => {
    throw new RatingStoreError('unavailable', 'no rating store was given to the app', { operation: 'unconfigured' });
  };
  return {
    backend: 'none',
    description: 'none (no rating store configured)',
    submitRating: fail,
    deleteRating: fail,
    listUserRatings: fail,
    upsertAlbums: fail,
    getAlbum: fail,
    listStaleAlbums: fail,
    recomputeLeaderboard: fail,
    getLeaderboard: fail,
    ping: fail,
    close: async () => undefined,
  };
}
