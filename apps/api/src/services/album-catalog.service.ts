import { SpotifyPriority, type AlbumDetail } from '@albumboard/queue-contracts';
import { catalogFieldsOf, type AlbumWithSummary, type RatingStore } from '@albumboard/rating-store';
import { SpotifyNotFoundError, type SpotifyCaller } from '@albumboard/spotify-client';
import { albumNotFound } from '../errors/rating-store-error-mapper';
import { staleFallbackStatus, storedCopy, type CacheOutcome } from './cache-status';

export interface AlbumCatalogServiceOptions {
  store: RatingStore;
  /** The API's SpotifyCaller: in production the worker proxy, so the lookup goes through the `spotify` queue. */
  spotify: SpotifyCaller;
  callTimeoutMs: number;
  /** Seconds a catalogue entry is fresh (CATALOG_REFRESH_AFTER_DAYS); older ones are looked up on Spotify again. */
  freshSeconds: number;
  /** Seconds past fresh an entry is still answered when Spotify cannot be asked (SEARCH_CACHE_STALE_S). */
  staleSeconds: number;
  /** The clock (epoch ms). */
  now?: () => number;
}

/** A catalogue answer and how the catalogue took part, as a cache. */
export interface AlbumLookup {
  entry: AlbumWithSummary;
  cache: CacheOutcome;
}

/**
 * The album catalogue: answered from the store while the entry is fresh, filled from Spotify (through the caller)
 * on a miss or once the entry is older than its freshness; a stale entry is answered when Spotify cannot be asked.
 */
export class AlbumCatalogService {
  constructor(private readonly options: AlbumCatalogServiceOptions) {}

  /** The album with its rating summary, and whether it was fresh, stale or (re)fetched from Spotify. */
  async get(albumId: string, requestId: string): Promise<AlbumLookup> {
    const { store, freshSeconds, staleSeconds } = this.options;
    const known = await store.getAlbum(albumId);
    const copy = known ? storedCopy(known, known.album.refreshedAt.getTime(), (this.options.now ?? Date.now)(), freshSeconds, staleSeconds) : null;
    if (copy?.fresh) return { entry: copy.value, cache: { kind: 'hit', ageS: copy.ageS } };
    try {
      await this.catalogue(albumId, requestId);
    } catch (error) {
      const fwdStatus = copy?.usableStale ? staleFallbackStatus(error) : null;
      if (copy === null || fwdStatus === null) throw error;
      return { entry: copy.value, cache: { kind: 'stale', ageS: copy.ageS, ttlS: copy.ttlS, fwdStatus } };
    }
    const stored = await store.getAlbum(albumId);
    if (!stored) throw new Error(`album ${albumId} missing right after it was stored`);
    return { entry: stored, cache: { kind: copy ? 'refreshed' : 'miss', stored: true } };
  }

  /** Looks the album up on Spotify and stores it; a 404 from Spotify → 404 `album_not_found`. */
  async catalogue(albumId: string, requestId: string): Promise<void> {
    let detail: AlbumDetail;
    try {
      detail = await this.options.spotify.call(
        'getAlbum',
        { id: albumId },
        { requestId, timeoutMs: this.options.callTimeoutMs, priority: SpotifyPriority.Interactive },
      );
    } catch (error) {
      if (error instanceof SpotifyNotFoundError) throw albumNotFound();
      throw error;
    }
    // Stored under the id the client asked for.
    await this.options.store.upsertAlbums([catalogFieldsOf(detail, albumId)]);
  }
}
