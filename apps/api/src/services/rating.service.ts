import { isRatingStoreError, type PageOptions, type Rating, type RatingStore, type UserRatingsPage } from '@albumboard/rating-store';
import type { AlbumCatalogService } from './album-catalog.service';
import type { LeaderboardProducer } from './leaderboard-producer';

export interface RatingServiceOptions {
  store: RatingStore;
  albums: AlbumCatalogService;
  leaderboard: Pick<LeaderboardProducer, 'requestRecompute'>;
}

/** A user's ratings. Every write is in the store before it is acknowledged; the boards follow asynchronously. */
export class RatingService {
  constructor(private readonly options: RatingServiceOptions) {}

  /**
   * Creates or changes the user's rating (idempotent). An album the catalogue does not know is looked up on Spotify
   * and stored first. Then a recompute of both boards is requested; its failure does not fail the rating.
   */
  async rate(userId: string, albumId: string, score: number, requestId: string): Promise<Rating> {
    const { store } = this.options;
    let rating: Rating;
    try {
      rating = await store.submitRating(userId, albumId, score);
    } catch (error) {
      if (!isRatingStoreError(error) || error.code !== 'album_not_found') throw error;
      await this.options.albums.catalogue(albumId, requestId);
      rating = await store.submitRating(userId, albumId, score);
    }
    await this.options.leaderboard.requestRecompute(requestId);
    return rating;
  }

  /** Deletes the user's own rating; false when there was none. */
  async remove(userId: string, albumId: string, requestId: string): Promise<boolean> {
    const removed = await this.options.store.deleteRating(userId, albumId);
    if (removed) await this.options.leaderboard.requestRecompute(requestId);
    return removed;
  }

  /** The user's ratings, most recently changed first. */
  listMine(userId: string, page: Required<PageOptions>): Promise<UserRatingsPage> {
    return this.options.store.listUserRatings(userId, page);
  }
}
