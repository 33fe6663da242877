import { MAX_SEARCH_OFFSET, SpotifyPriority, type AlbumSummary, type ArtistAlbumsResult } from '@albumboard/queue-contracts';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import { pageFields } from '../schemas/page.schema';
import type { SearchQuery, SearchResult } from '../schemas/search.schema';
import { staleFallbackStatus, type CacheOutcome } from './cache-status';
import type { SearchCache, SearchResultJson } from './search-cache.service';
import { inSpan } from '@albumboard/tracing';

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
  const artist = result.artist;
  return {
    artist: artist ? { id: artist.id, name: artist.name, imageUrl: artist.imageUrl, spotifyUrl: artist.spotifyUrl } : null,
    items: page.items.map((album) => ({
      id: album.id,
      name: album.name,
      artists: album.artists.map((a) => ({ id: a.id, name: a.name })),
      releaseDate: album.releaseDate,
      totalTracks: album.totalTracks,
      imageUrl: album.imageUrl,
      spotifyUrl: album.spotifyUrl,
      albumType: album.albumType,
    })),
    // Spotify says whether albums remain past this page (its `total` can run ahead of what it serves).
    ...pageFields(query, page.total, MAX_SEARCH_OFFSET, page.hasMore),
  };
}

/** Who asks, and how long they wait: what the search's Spotify call carries. */
export interface SearchCaller {
  requestId: string;
  /** The client identity the per-client limits use: Spotify's budget is shared fairly between clients. */
  client?: string;
  /** The caller's own wait (`Prefer: wait=N`), shorter than `callTimeoutMs`. */
  waitMs?: number;
}

/** A search answer — the `SearchResponse` body as JSON text — and how the cache took part (null when the cache is off). */
export interface SearchOutcome {
  json: string;
  cache: CacheOutcome | null;
}

/** `{ query, ...result, cached }`, the `SearchResponse` body, written around the stored answer without parsing it. */
function responseJson(query: string, result: SearchResultJson, cached: boolean): string {
  return `{"query":${JSON.stringify(query)},${result.slice(1, -1)},"cached":${cached}}`;
}

/**
 * Album search by artist name: a fresh cached answer first; else one `searchArtistAlbums` call; if that call is
 * refused or fails while a stale copy is still kept, the stale copy.
 */
export class SearchService {
  constructor(private readonly options: SearchServiceOptions) {}

  /**
   * `admit` runs before Spotify is asked, never for a fresh cached answer: the per-client search limit, which guards
   * the Spotify budget, counts only the searches that may spend it. It throws to refuse.
   */
  async search(query: SearchQuery, caller: SearchCaller, admit: () => Promise<void> = async () => undefined): Promise<SearchOutcome> {
    const { requestId } = caller;
    const { cache } = this.options;
    const copy = await inSpan('search.cache', { 'search.query.length': query.query.length }, async (span) => {
      const found = await cache.get(query);
      span.setAttribute('cache.outcome', found === null ? 'miss' : found.fresh ? 'hit' : 'stale');
      return found;
    });
    if (copy?.fresh) return { json: responseJson(query.query, copy.value, true), cache: { kind: 'hit', ageS: copy.ageS } };
    await admit();
    let result: ArtistAlbumsResult;
    try {
      result = await this.options.spotify.call(
        'searchArtistAlbums',
        { query: query.query.replace(/\s+/g, ' '), limit: query.limit, offset: query.offset, ...(query.market ? { market: query.market } : {}) },
        { requestId, timeoutMs: caller.waitMs ?? this.options.callTimeoutMs, priority: SpotifyPriority.Interactive, client: caller.client },
      );
    } catch (error) {
      const fwdStatus = copy ? staleFallbackStatus(error) : null;
      if (copy === null || fwdStatus === null) throw error;
      const cacheOutcome: CacheOutcome = { kind: 'stale', ageS: copy.ageS, ttlS: copy.ttlS, fwdStatus };
      return { json: responseJson(query.query, copy.value, true), cache: cacheOutcome };
    }
    if (result.albums.items.length > 0) this.options.onFreshAlbums?.(result.albums.items, requestId);
    const { json, stored } = await cache.set(query, toSearchResult(result, query));
    const outcome: CacheOutcome | null = cache.enabled ? { kind: copy ? 'refreshed' : 'miss', stored } : null;
    return { json: responseJson(query.query, json, false), cache: outcome };
  }
}
