import { SpotifyPriority, type AlbumDetail } from '@albumboard/queue-contracts';
import type { AlbumInput, AlbumWithSummary, RatingStore } from '@albumboard/rating-store';
import { SpotifyNotFoundError, type SpotifyCaller } from '@albumboard/spotify-client';
import { albumNotFound } from '../errors/rating-store-error-mapper';

export interface AlbumCatalogServiceOptions {
  store: RatingStore;
  /** The API's SpotifyCaller: in production the worker proxy, so the lookup goes through the `spotify` queue. */
  spotify: SpotifyCaller;
  callTimeoutMs: number;
}

/** Spotify's album → a catalogue entry, stored under the id the client asked for. */
export function albumInputFrom(albumId: string, detail: AlbumDetail): AlbumInput {
  return {
    id: albumId,
    name: detail.name,
    artists: detail.artists.map((a) => ({ id: a.id, name: a.name })),
    imageUrl: detail.imageUrl,
    releaseDate: detail.releaseDate,
    albumType: detail.albumType,
    totalTracks: detail.totalTracks,
    spotifyUrl: detail.spotifyUrl,
  };
}

/** The album catalogue: answered from the store, filled from Spotify (through the caller) on a miss. */
export class AlbumCatalogService {
  constructor(private readonly options: AlbumCatalogServiceOptions) {}

  /** The album with its rating summary; fetched from Spotify and stored first if the catalogue lacks it. */
  async get(albumId: string, requestId: string): Promise<AlbumWithSummary> {
    const known = await this.options.store.getAlbum(albumId);
    if (known) return known;
    await this.catalogue(albumId, requestId);
    const stored = await this.options.store.getAlbum(albumId);
    if (!stored) throw new Error(`album ${albumId} missing right after it was stored`);
    return stored;
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
    await this.options.store.upsertAlbums([albumInputFrom(albumId, detail)]);
  }
}
