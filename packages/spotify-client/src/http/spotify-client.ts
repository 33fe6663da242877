import type { Logger } from '@albumboard/observability';
import type {
  AlbumDetail,
  AlbumPage,
  AlbumSummary,
  ArtistAlbumsResult,
  ArtistPage,
  ArtistSummary,
  SpotifyMethodArgs,
} from '@albumboard/queue-contracts';
import {
  rawAlbumSchema,
  rawArtistAlbumsResponseSchema,
  rawArtistSchema,
  rawSearchArtistsResponseSchema,
} from './schemas';
import { SpotifyHttp, type CallContext, type RequestGate, type UpstreamRequestInfo } from './spotify-http';
import { toAlbumDetail, toAlbumSummary, toArtistSummary } from './spotify-mappers';
import { TokenProvider } from './token-provider';

export type { CallContext, GateContext, RequestGate, UpstreamRequestInfo } from './spotify-http';

/** Spotify's page-size cap for search and artist albums (2026 spec). */
export const SPOTIFY_PAGE_LIMIT = 10;

export interface SpotifyClientOptions {
  clientId: string;
  clientSecret: string;
  /** e.g. https://api.spotify.com/v1 */
  apiUrl: string;
  /** e.g. https://accounts.spotify.com */
  accountsUrl: string;
  /** Per HTTP request (further bounded by the caller's deadline). Default 5000. */
  requestTimeoutMs?: number;
  /** Retries of network errors and 5xx (axios-retry). Default 3. */
  retries?: number;
  /** Delay before the first retry, doubled each retry, with jitter. Default 200. */
  retryBaseDelayMs?: number;
  gate?: RequestGate;
  onUpstreamResponse?: (info: UpstreamRequestInfo) => void;
  logger?: Logger;
}

/**
 * A typed Spotify Web API client (client-credentials) for the methods on the contract's closed list. Its methods take
 * arguments already parsed by the contract (`parseSpotifyCall` at the caller's boundary) and do not check them again.
 */
export class SpotifyClient {
  private readonly tokens: TokenProvider;
  private readonly http: SpotifyHttp;

  constructor(options: SpotifyClientOptions) {
    const logger = options.logger?.child({ component: 'spotify-client' });
    const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.tokens = new TokenProvider({ ...pick(options), requestTimeoutMs, logger });
    this.http = new SpotifyHttp({
      apiUrl: options.apiUrl,
      requestTimeoutMs,
      retries: options.retries ?? 3,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
      tokens: this.tokens,
      gate: options.gate,
      onUpstreamResponse: options.onUpstreamResponse,
      logger,
    });
  }

  /** How many token requests this client has sent (observability and tests). */
  get tokenRequests(): number {
    return this.tokens.requests;
  }

  /** GET /v1/search?type=artist — one page (Spotify caps `limit` at 10). */
  async searchArtists(a: SpotifyMethodArgs<'searchArtists'>, ctx?: CallContext): Promise<ArtistPage> {
    const raw = await this.http.getJson(
      { path: '/search', template: '/search', params: { q: a.query, type: 'artist', limit: a.limit, offset: a.offset, market: a.market } },
      rawSearchArtistsResponseSchema,
      ctx,
    );
    const page = raw.artists;
    const items = page.items.slice(0, a.limit).map(toArtistSummary);
    const hasMore = page.next !== undefined ? page.next !== null : a.offset + items.length < page.total;
    return { items, total: page.total, limit: a.limit, offset: a.offset, hasMore };
  }

  /** GET /v1/artists/{id}. */
  async getArtist(a: SpotifyMethodArgs<'getArtist'>, ctx?: CallContext): Promise<ArtistSummary> {
    const raw = await this.http.getJson({ path: `/artists/${encodeURIComponent(a.id)}`, template: '/artists/{id}' }, rawArtistSchema, ctx);
    return toArtistSummary(raw);
  }

  /** GET /v1/artists/{id}/albums, paged by 10 (Spotify's cap) until `limit` (≤ 50) albums or the end. */
  async getArtistAlbums(a: SpotifyMethodArgs<'getArtistAlbums'>, ctx?: CallContext): Promise<AlbumPage> {
    const items: AlbumSummary[] = [];
    let offset = a.offset;
    let total = 0;
    let endReached = false;
    while (items.length < a.limit) {
      const pageLimit = Math.min(SPOTIFY_PAGE_LIMIT, a.limit - items.length);
      const page = await this.http.getJson(
        {
          path: `/artists/${encodeURIComponent(a.id)}/albums`,
          template: '/artists/{id}/albums',
          params: { limit: pageLimit, offset, market: a.market, include_groups: a.includeGroups?.join(',') },
        },
        rawArtistAlbumsResponseSchema,
        ctx,
      );
      const pageItems = page.items.slice(0, pageLimit);
      items.push(...pageItems.map(toAlbumSummary));
      total = page.total;
      offset += pageItems.length;
      if (pageItems.length < pageLimit || offset >= page.total) {
        endReached = pageItems.length < pageLimit ? !page.next : true;
        break;
      }
    }
    const hasMore = !endReached && a.offset + items.length < total;
    return { items, total, limit: a.limit, offset: a.offset, hasMore };
  }

  /** GET /v1/albums/{id}. */
  async getAlbum(a: SpotifyMethodArgs<'getAlbum'>, ctx?: CallContext): Promise<AlbumDetail> {
    const raw = await this.http.getJson(
      { path: `/albums/${encodeURIComponent(a.id)}`, template: '/albums/{id}', params: { market: a.market } },
      rawAlbumSchema,
      ctx,
    );
    return toAlbumDetail(raw);
  }

  /** The best-matching artist (search type=artist, limit 1), then a page of their albums; artist null if none. */
  async searchArtistAlbums(a: SpotifyMethodArgs<'searchArtistAlbums'>, ctx?: CallContext): Promise<ArtistAlbumsResult> {
    const found = await this.searchArtists({ query: a.query, limit: 1, offset: 0, market: a.market }, ctx);
    const artist = found.items[0];
    if (!artist) {
      return { artist: null, albums: { items: [], total: 0, limit: a.limit, offset: a.offset, hasMore: false } };
    }
    const albums = await this.getArtistAlbums({ id: artist.id, limit: a.limit, offset: a.offset, market: a.market }, ctx);
    return { artist, albums };
  }
}

function pick(options: SpotifyClientOptions) {
  return { clientId: options.clientId, clientSecret: options.clientSecret, accountsUrl: options.accountsUrl };
}
