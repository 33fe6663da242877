import { MAX_SEARCH_OFFSET, SpotifyPriority, type AlbumSummary, type ArtistAlbumsResult } from '@albumboard/queue-contracts';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import type { SearchQuery, SearchResponse, SearchResult } from '../schemas/search.schema';
import type { SearchCache } from './search-cache.service';

export interface SearchServiceOptions {
  spotify: SpotifyCaller;
  cache: SearchCache;
  /** How long one search waits for Spotify (through the worker or directly). */
  callTimeoutMs: number;
  /**
   * Called with the albums of every answer that came from Spotify (not from the cache), e.g. to enqueue
   * `catalog.upsert-albums`. Not awaited: it must handle its own failures, and the search never waits for it.
   */
  onFreshAlbums?: (albums: AlbumSummary[], requestId: string) => void;
}

/** Maps the contract's `searchArtistAlbums` result onto the API's answer shape. */
export function toSearchResult(result: ArtistAlbumsResult, query: SearchQuery): SearchResult {
  const page = result.albums;
  const next = query.offset + query.limit;
  const artist = result.artist;
  return {
    artist: artist ? { id: artist.id, name: artist.name, imageUrl: artist.imageUrl, spotifyUrl: artist.spotifyUrl } : null,
    albums: page.items.map((album) => ({
      id: album.id,
      name: album.name,
      artists: album.artists.map((a) => ({ id: a.id, name: a.name })),
      releaseDate: album.releaseDate,
      totalTracks: album.totalTracks,
      imageUrl: album.imageUrl,
      spotifyUrl: album.spotifyUrl,
      albumType: album.albumType,
    })),
    paging: {
      limit: query.limit,
      offset: query.offset,
      total: page.total,
      hasMore: page.hasMore,
      nextOffset: page.hasMore && next <= MAX_SEARCH_OFFSET ? next : null,
    },
  };
}

/** Album search by artist name: the cache first, then one `searchArtistAlbums` call. */
export class SearchService {
  constructor(private readonly options: SearchServiceOptions) {}

  async search(query: SearchQuery, requestId: string): Promise<SearchResponse> {
    const cached = await this.options.cache.get(query);
    if (cached) return { query: query.query, ...cached, cached: true };
    const result = await this.options.spotify.call(
      'searchArtistAlbums',
      { query: query.query.replace(/\s+/g, ' '), limit: query.limit, offset: query.offset, ...(query.market ? { market: query.market } : {}) },
      { requestId, timeoutMs: this.options.callTimeoutMs, priority: SpotifyPriority.Interactive },
    );
    if (result.albums.items.length > 0) this.options.onFreshAlbums?.(result.albums.items, requestId);
    const answer = toSearchResult(result, query);
    await this.options.cache.set(query, answer);
    return { query: query.query, ...answer, cached: false };
  }
}
