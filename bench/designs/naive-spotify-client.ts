import axios, { type AxiosInstance, isAxiosError } from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import { setMaxListeners } from 'node:events';
import { roundRobin } from './design';

/**
 * The "before" Spotify client: plain axios, a client-credentials token cached in memory, and optionally the
 * typical axios-retry set-up (3 retries, exponential delay that honours Retry-After, default retry condition:
 * network errors and 429/5xx on GET). It knows nothing about budgets or the caller's deadline: like a typical
 * API process, a call (and its retries) goes on after the user has given up. `close()` aborts what is left.
 */
export interface NaiveClientOptions {
  apiUrl: string;
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  /** `axios-retry`: retry 429/5xx in place (the seed's API processes); `none`: fail on the first error. */
  retry: 'axios-retry' | 'none';
  /** Wraps every Web API request (not the token request); Bottleneck's `schedule` plugs in here. */
  wrapRequest?: <T>(send: () => Promise<T>) => Promise<T>;
}

/** An error reduced to the codes the API maps to answers (`rate_limited` → 503, others → 502/500). */
export class NaiveCallError extends Error {
  constructor(
    readonly code: 'rate_limited' | 'upstream_error' | 'not_found' | 'aborted',
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(`Spotify call failed: ${code}${status ? ` (${status})` : ''}`);
    this.name = 'NaiveCallError';
  }
}

function toCallError(error: unknown): NaiveCallError {
  if (error instanceof NaiveCallError) return error;
  if (isAxiosError(error)) {
    const status = error.response?.status;
    if (error.code === 'ERR_CANCELED') return new NaiveCallError('aborted');
    if (status === 429) return new NaiveCallError('rate_limited', 429, Number(error.response?.headers['retry-after'] ?? 1) * 1000);
    if (status === 404) return new NaiveCallError('not_found', 404);
    return new NaiveCallError('upstream_error', status);
  }
  return new NaiveCallError('upstream_error');
}

export class NaiveSpotifyClient {
  private readonly http: AxiosInstance;
  private readonly lifetime = new AbortController();
  private token: { value: string; expiresAt: number } | null = null;
  private tokenRequest: Promise<string> | null = null;

  constructor(private readonly options: NaiveClientOptions) {
    // Every request in flight listens on the one lifetime signal.
    setMaxListeners(0, this.lifetime.signal);
    this.http = axios.create({ baseURL: options.apiUrl, timeout: 15_000 });
    if (options.retry === 'axios-retry') axiosRetry(this.http, { retries: 3, retryDelay: exponentialDelay });
  }

  /** Search the best-matching artist, then a page of their albums: 2 upstream requests. */
  async searchArtistAlbums(query: string): Promise<{ artistId: string | null; albums: number }> {
    try {
      const search = await this.get<{ artists: { items: { id: string }[] } }>('/search', { q: query, type: 'artist', limit: 1 });
      const artistId = search.artists.items[0]?.id ?? null;
      if (!artistId) return { artistId: null, albums: 0 };
      const albums = await this.get<{ items: unknown[] }>(`/artists/${artistId}/albums`, { limit: 10 });
      return { artistId, albums: albums.items.length };
    } catch (error) {
      throw toCallError(error);
    }
  }

  /** Aborts every request and pending retry of this client (the process shutting down). */
  close(): void {
    this.lifetime.abort();
  }

  private async get<T>(path: string, params: Record<string, string | number>): Promise<T> {
    const token = await this.accessToken();
    const signal = this.lifetime.signal;
    const send = async (): Promise<T> => {
      if (signal.aborted) throw new NaiveCallError('aborted');
      try {
        const res = await this.http.get<T>(path, { params, signal, headers: { Authorization: `Bearer ${token}` } });
        return res.data;
      } catch (error) {
        throw toCallError(error);
      }
    };
    return this.options.wrapRequest ? this.options.wrapRequest(send) : send();
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = null;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    const res = await axios.post<{ access_token: string; expires_in: number }>(
      `${this.options.accountsUrl}/api/token`,
      new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      { headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' }, timeout: 10_000, signal: this.lifetime.signal },
    );
    this.token = { value: res.data.access_token, expiresAt: Date.now() + (res.data.expires_in - 60) * 1000 };
    return this.token.value;
  }
}

/** The search of a design whose API processes each hold one client: the processes take the searches in turn. */
export function searchInTurn(clients: readonly NaiveSpotifyClient[]): (query: string) => Promise<'ok'> {
  const take = roundRobin(clients);
  return async (query) => {
    await take().searchArtistAlbums(query);
    return 'ok';
  };
}
