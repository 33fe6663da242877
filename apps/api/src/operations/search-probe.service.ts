import { SpotifyPriority } from '@albumboard/queue-contracts';
import { SpotifyError, type SpotifyCaller } from '@albumboard/spotify-client';

export type SearchProbeOutcome =
  | { ok: true; ms: number; albums: number; artist: string | null; cached: boolean }
  | { ok: false; ms: number; reason: string };

export interface SearchProbeInput {
  query: string;
  /** A random offset makes a cache miss likely, so the search really goes through worker-spotify. */
  offset: number;
  requestId: string;
  timeoutMs: number;
}

interface SearchAnswer {
  artist?: { name?: unknown } | null;
  /** The artist's albums on this page. */
  items?: unknown[];
  cached?: unknown;
  error?: { code?: unknown; message?: unknown };
}

/** One search through the api (`GET /api/v1/search`), carrying `requestId` so it can be followed in the logs. */
export async function searchThroughApi(apiUrl: string, input: SearchProbeInput): Promise<SearchProbeOutcome> {
  const url = new URL('/api/v1/search', apiUrl);
  url.search = new URLSearchParams({ query: input.query, limit: '1', offset: String(input.offset) }).toString();
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url, { headers: { 'X-Request-Id': input.requestId }, signal: AbortSignal.timeout(input.timeoutMs) });
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${input.timeoutMs} ms` : (error as Error).message;
    return { ok: false, ms: performance.now() - started, reason: `the api at ${apiUrl} did not answer: ${why}` };
  }
  const body = (await response.json().catch(() => ({}))) as SearchAnswer;
  const ms = performance.now() - started;
  if (!response.ok) {
    const code = typeof body.error?.code === 'string' ? body.error.code : 'unknown';
    const message = typeof body.error?.message === 'string' ? body.error.message : '';
    return { ok: false, ms, reason: `search answered ${response.status} ${code}${message ? `: ${message}` : ''}` };
  }
  const artist = typeof body.artist?.name === 'string' ? body.artist.name : null;
  return { ok: true, ms, albums: Array.isArray(body.items) ? body.items.length : 0, artist, cached: body.cached === true };
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
    return { ok: true, ms: performance.now() - started, albums: result.albums.items.length, artist: result.artist?.name ?? null, cached: false };
  } catch (error) {
    const reason = error instanceof SpotifyError ? `${error.code}: ${error.message}` : (error as Error).message;
    return { ok: false, ms: performance.now() - started, reason };
  }
}
