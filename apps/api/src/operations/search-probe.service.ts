import { SpotifyPriority } from '@albumboard/queue-contracts';
import { SpotifyError, type SpotifyCaller } from '@albumboard/spotify-client';

export type SearchProbeOutcome =
  | { ok: true; ms: number; albums: number; total: number; artist: string | null; cached: boolean }
  /** `code`: the api's error code when it answered with one (`client_rate_limited`, `spotify_busy`, …). */
  | { ok: false; ms: number; reason: string; code?: string };

export interface SearchProbeInput {
  query: string;
  /** A random offset makes a cache miss likely, so the search really goes through worker-spotify. */
  offset: number;
  requestId: string;
  timeoutMs: number;
}

/** What the api's search answer is read for (it is the api's own contract: only the fields the probe reports). */
interface SearchAnswer {
  artist?: { name?: unknown } | null;
  /** The artist's albums on this page, and how many there are in all. */
  items?: unknown[];
  total?: unknown;
  cached?: unknown;
  error?: { code?: unknown; message?: unknown };
}

/**
 * One search through the api (`GET /api/v1/search`), carrying `requestId` so it can be followed in the logs, and the
 * api's ADMIN_TOKEN when there is one: the api then does not count the probe against this address's per-client limits.
 */
export async function searchThroughApi(apiUrl: string, input: SearchProbeInput, adminToken?: string): Promise<SearchProbeOutcome> {
  const url = new URL('/api/v1/search', apiUrl);
  url.search = new URLSearchParams({ query: input.query, limit: '1', offset: String(input.offset) }).toString();
  const started = performance.now();
  let response: Response;
  try {
    const headers: Record<string, string> = { 'X-Request-Id': input.requestId };
    if (adminToken) headers.Authorization = `Bearer ${adminToken}`;
    response = await fetch(url, { headers, signal: AbortSignal.timeout(input.timeoutMs) });
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${input.timeoutMs} ms` : (error as Error).message;
    return { ok: false, ms: performance.now() - started, reason: `the api at ${apiUrl} did not answer: ${why}` };
  }
  const body = (await response.json().catch(() => ({}))) as SearchAnswer;
  const ms = performance.now() - started;
  if (!response.ok) {
    const code = typeof body.error?.code === 'string' ? body.error.code : 'unknown';
    const message = typeof body.error?.message === 'string' ? body.error.message : '';
    return { ok: false, ms, code, reason: `search answered ${response.status} ${code}${message ? `: ${message}` : ''}` };
  }
  const artist = typeof body.artist?.name === 'string' ? body.artist.name : null;
  const albums = Array.isArray(body.items) ? body.items.length : 0;
  const total = typeof body.total === 'number' ? body.total : albums;
  return { ok: true, ms, albums, total, artist, cached: body.cached === true };
}

/** One `searchArtistAlbums` call straight through the spotify queue (worker-spotify), without the api. */
export async function searchThroughQueue(spotify: SpotifyCaller, input: SearchProbeInput): Promise<SearchProbeOutcome> {
  const started = performance.now();
  try {
    const result = await spotify.call(
      'searchArtistAlbums',
      { query: input.query, limit: 1, offset: input.offset },
      { requestId: input.requestId, timeoutMs: input.timeoutMs, priority: SpotifyPriority.Interactive },
    );
    const { albums, artist } = result;
    return { ok: true, ms: performance.now() - started, albums: albums.items.length, total: albums.total, artist: artist?.name ?? null, cached: false };
  } catch (error) {
    const reason = error instanceof SpotifyError ? `${error.code}: ${error.message}` : (error as Error).message;
    return { ok: false, ms: performance.now() - started, reason };
  }
}
