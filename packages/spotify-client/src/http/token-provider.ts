import type { Logger } from '@albumboard/observability';
import axios, { type AxiosInstance } from 'axios';
import { SpotifyAuthError, SpotifyRateLimitError, SpotifyUpstreamError } from '../errors';
import { parseRetryAfterMs } from './http-error.mapper';
import { rawTokenErrorSchema, rawTokenResponseSchema } from './schemas';

export interface TokenProviderOptions {
  clientId: string;
  clientSecret: string;
  /** e.g. https://accounts.spotify.com — the token endpoint is `<accountsUrl>/api/token`. */
  accountsUrl: string;
  requestTimeoutMs: number;
  /** Refresh this long before expiry (capped at half the token's lifetime). Default 60 s. */
  refreshMarginMs?: number;
  logger?: Logger;
}

const ENDPOINT = 'POST /api/token';

/**
 * Client-credentials access token: cached, refreshed before it expires, one refresh at a time (concurrent
 * callers share the in-flight request). Neither the secret nor the token is ever logged or put in an error.
 */
export class TokenProvider {
  private current?: { value: string; refreshAt: number };
  private inflight?: Promise<string>;
  private readonly http: AxiosInstance;
  private requestCount = 0;

  constructor(private readonly options: TokenProviderOptions) {
    this.http = axios.create({
      baseURL: options.accountsUrl.replace(/\/+$/, ''),
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  /** How many token requests this provider has sent. */
  get requests(): number {
    return this.requestCount;
  }

  /** A valid access token, from the cache or from one shared refresh. */
  getToken(): Promise<string> {
    if (this.current && Date.now() < this.current.refreshAt) return Promise.resolve(this.current.value);
    if (!this.inflight) {
      this.inflight = this.fetchToken().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  /** Forget `token` after Spotify refused it (401); a newer token already in place is kept. */
  invalidate(token: string | undefined): void {
    if (token !== undefined && this.current?.value === token) this.current = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret, requestTimeoutMs } = this.options;
    const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
    this.requestCount += 1;
    let response;
    try {
      response = await this.http.post<string>('/api/token', new URLSearchParams({ grant_type: 'client_credentials' }).toString(), {
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        timeout: requestTimeoutMs,
      });
    } catch (error) {
      const code = axios.isAxiosError(error) ? error.code : undefined;
      throw new SpotifyUpstreamError(`Spotify token request failed (${code ?? 'network error'})`);
    }
    const token = this.readToken(response.status, response.headers as Record<string, unknown>, response.data);
    const lifetimeMs = token.expires_in * 1000;
    const margin = Math.min(this.options.refreshMarginMs ?? 60_000, lifetimeMs / 2);
    this.current = { value: token.access_token, refreshAt: Date.now() + lifetimeMs - margin };
    this.options.logger?.debug({ endpoint: ENDPOINT, expiresInS: token.expires_in }, 'Spotify access token refreshed');
    return token.access_token;
  }

  private readToken(status: number, headers: Record<string, unknown>, data: unknown) {
    const json = safeJson(data);
    if (status >= 200 && status < 300) {
      const parsed = rawTokenResponseSchema.safeParse(json);
      if (!parsed.success) throw new SpotifyUpstreamError('Spotify token endpoint answered with an unexpected body', { status });
      return parsed.data;
    }
    if (status === 429) {
      throw new SpotifyRateLimitError('Spotify token endpoint answered 429', { retryAfterMs: parseRetryAfterMs(headers['retry-after']) });
    }
    if (status >= 400 && status < 500) {
      const body = rawTokenErrorSchema.safeParse(json);
      const what = body.success ? body.data.error.slice(0, 60) : `status ${status}`;
      throw new SpotifyAuthError(`Spotify refused the client credentials (${what})`, { status });
    }
    throw new SpotifyUpstreamError(`Spotify token endpoint answered ${status}`, { status });
  }
}

function safeJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
