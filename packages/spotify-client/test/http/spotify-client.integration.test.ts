import { albumPageSchema, artistAlbumsResultSchema, artistSummarySchema } from '@albumboard/queue-contracts';
import {
  SpotifyAuthError,
  SpotifyBadRequestError,
  SpotifyCooldownError,
  SpotifyDeadlineError,
  SpotifyNotFoundError,
  SpotifyRateLimitError,
  SpotifyUpstreamError,
  executeSpotifyMethod,
  parseSpotifyCall,
  type UpstreamRequestInfo,
} from '../../src';
import { TAYLOR_SWIFT_ID, useTestEmulator } from '../support/emulator';

const suite = useTestEmulator();

function recorder() {
  const seen: UpstreamRequestInfo[] = [];
  return { seen, onUpstreamResponse: (info: UpstreamRequestInfo) => seen.push(info) };
}

async function generatedArtistId(name: string): Promise<string> {
  const page = await suite.emu.client().searchArtists({ query: name, limit: 1, offset: 0 });
  expect(page.items[0]?.name).toBe(name);
  return page.items[0].id;
}

describe('SpotifyClient against the emulator: tokens', () => {
  it('shares one token request between concurrent calls and caches it', async () => {
    const client = suite.emu.client();
    const artists = await Promise.all(Array.from({ length: 8 }, () => client.getArtist({ id: TAYLOR_SWIFT_ID })));
    await client.getArtist({ id: TAYLOR_SWIFT_ID });
    expect(artists.every((a) => a.name === 'Taylor Swift')).toBe(true);
    expect(suite.emu.handle.stats().tokens.requests).toBe(1);
    expect(client.tokenRequests).toBe(1);
    expect(suite.emu.handle.stats().requests).toBe(9);
  });

  it('after a 401 refreshes the token once and retries the request once', async () => {
    const { seen, onUpstreamResponse } = recorder();
    const client = suite.emu.client({ onUpstreamResponse });
    await client.getArtist({ id: TAYLOR_SWIFT_ID });
    suite.emu.handle.expireTokens();
    const artist = await client.getArtist({ id: TAYLOR_SWIFT_ID });
    expect(artist.id).toBe(TAYLOR_SWIFT_ID);
    expect(suite.emu.handle.stats().tokens.requests).toBe(2);
    expect(suite.emu.handle.stats().unauthorized).toBe(1);
    expect(seen.map((s) => s.status)).toEqual([200, 401, 200]);
    expect(seen[1].endpoint).toBe('GET /v1/artists/{id}');
  });

  it('refused credentials → SpotifyAuthError, no Web API request and no gate call', async () => {
    const acquire = jest.fn(async () => undefined);
    const client = suite.emu.client({ clientSecret: 'wrong-secret', gate: { acquire } });
    const error = await client.getArtist({ id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyAuthError);
    expect((error as Error).message).not.toContain('wrong-secret');
    expect(acquire).not.toHaveBeenCalled();
    expect(suite.emu.handle.stats().requests).toBe(0);
  });
});

describe('SpotifyClient against the emulator: methods', () => {
  it('pages artist albums by 10 up to the requested limit (25 → 3 requests)', async () => {
    const id = await generatedArtistId('Generated Artist 0001');
    suite.emu.handle.reset();
    const page = await suite.emu.client().getArtistAlbums({ id, limit: 25, offset: 0 });
    expect(albumPageSchema.parse(page)).toEqual(page);
    expect(page.items).toHaveLength(25);
    expect(new Set(page.items.map((a) => a.id)).size).toBe(25);
    expect(page).toMatchObject({ total: 30, limit: 25, offset: 0, hasMore: true });
    expect(suite.emu.handle.stats().byEndpoint['GET /v1/artists/{id}/albums']).toBe(3);
  });

  it('stops paging at the end of the discography', async () => {
    const id = await generatedArtistId('Generated Artist 0002');
    const page = await suite.emu.client().getArtistAlbums({ id, limit: 50, offset: 20 });
    expect(page.items).toHaveLength(10);
    expect(page.hasMore).toBe(false);
  });

  it('searchArtistAlbums finds Taylor Swift, then her albums', async () => {
    const result = await suite.emu.client().searchArtistAlbums({ query: 'Taylor Swift', limit: 5, offset: 0 });
    expect(artistAlbumsResultSchema.parse(result)).toEqual(result);
    expect(result.artist).toMatchObject({ id: TAYLOR_SWIFT_ID, name: 'Taylor Swift' });
    expect(result.artist?.imageUrl).toEqual(expect.any(String));
    expect(result.albums.items).toHaveLength(5);
    for (const album of result.albums.items) {
      expect(album.artists.map((a) => a.id)).toContain(TAYLOR_SWIFT_ID);
      expect(album.spotifyUrl).toBe(`https://open.spotify.com/album/${album.id}`);
    }
    expect(suite.emu.handle.stats().byEndpoint).toEqual({ 'GET /v1/search': 1, 'GET /v1/artists/{id}/albums': 1 });
  });

  it('searchArtistAlbums without a match → artist null and an empty page, one request', async () => {
    const result = await suite.emu.client().searchArtistAlbums({ query: 'qqqq no such artist zzzz', limit: 10, offset: 0 });
    expect(result).toEqual({ artist: null, albums: { items: [], total: 0, limit: 10, offset: 0, hasMore: false } });
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('parses 2026 dev-mode artists (no followers) and the deprecated fields when present', async () => {
    const modern = await suite.emu.client().getArtist({ id: TAYLOR_SWIFT_ID });
    expect(modern).not.toHaveProperty('followers');
    suite.emu.handle.configure({ includeDeprecatedArtistFields: true });
    const old = await suite.emu.client().getArtist({ id: TAYLOR_SWIFT_ID });
    expect(artistSummarySchema.parse(old)).toEqual(old);
    expect(old.followers).toEqual(expect.any(Number));
  });

  it('getAlbum maps tracks; an unknown id → SpotifyNotFoundError', async () => {
    const { albums } = await suite.emu.client().searchArtistAlbums({ query: 'Taylor Swift', limit: 1, offset: 0 });
    const album = await suite.emu.client().getAlbum({ id: albums.items[0].id });
    expect(album.tracks?.length).toBe(album.totalTracks);
    await expect(suite.emu.client().getAlbum({ id: '0000000000000000000000' })).rejects.toBeInstanceOf(SpotifyNotFoundError);
  });

  it('parseSpotifyCall rejects names off the list and bad arguments before any HTTP request; executeSpotifyMethod runs a parsed call', async () => {
    const client = suite.emu.client();
    expect(() => parseSpotifyCall('deleteEverything' as never, {})).toThrow(SpotifyBadRequestError);
    expect(() => parseSpotifyCall('__proto__' as never, {})).toThrow(/Unknown Spotify method/);
    expect(() => parseSpotifyCall('getArtist', { id: 'short' })).toThrow(/Invalid arguments for getArtist: id/);
    expect(() => parseSpotifyCall('searchArtists', { query: 'x', limit: 11 })).toThrow(SpotifyBadRequestError);
    expect(suite.emu.handle.stats().requests).toBe(0);
    expect(suite.emu.handle.stats().tokens.requests).toBe(0);
    const page = await executeSpotifyMethod(client, parseSpotifyCall('searchArtists', { query: 'Taylor Swift' }));
    if (!('items' in page) || !('limit' in page)) throw new Error('not an artist page');
    expect(page.limit).toBe(5);
  });
});

describe('SpotifyClient against the emulator: rate limits', () => {
  it('429 → SpotifyRateLimitError with Retry-After, not retried and not slept on', async () => {
    suite.emu.handle.configure({ rateLimitPer30s: 2 });
    const { seen, onUpstreamResponse } = recorder();
    const client = suite.emu.client({ onUpstreamResponse });
    await client.getArtist({ id: TAYLOR_SWIFT_ID });
    await client.getArtist({ id: TAYLOR_SWIFT_ID });
    const error = (await client.getArtist({ id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e)) as SpotifyRateLimitError;
    expect(error).toBeInstanceOf(SpotifyRateLimitError);
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs! % 1000).toBe(0);
    expect(error.reason).toBeUndefined();
    expect(suite.emu.handle.stats().rateLimited).toBe(1);
    expect(seen.map((s) => s.status)).toEqual([200, 200, 429]);
  });

  it('a forced Retry-After is carried exactly', async () => {
    suite.emu.handle.configure({ forceRetryAfterS: 7 });
    await expect(suite.emu.client().getArtist({ id: TAYLOR_SWIFT_ID })).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('QUOTA_EXCEEDED → reason and the long Retry-After', async () => {
    suite.emu.handle.configure({ dailyQuota: 1, quotaRetryAfterS: 52_531 });
    const client = suite.emu.client();
    await client.getArtist({ id: TAYLOR_SWIFT_ID });
    const error = await client.getArtist({ id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyRateLimitError);
    expect(error).toMatchObject({ reason: 'QUOTA_EXCEEDED', retryAfterMs: 52_531_000, status: 429 });
    expect(suite.emu.handle.stats().quotaExceeded).toBe(1);
  });
});

describe('SpotifyClient against the emulator: transient failures and deadlines', () => {
  it.each([
    ['http500', 500],
    ['http502', 502], // no body at all
    ['http503', 503], // plain-text body
  ] as const)('%s is retried up to the bound (retries + 1 requests), then SpotifyUpstreamError', async (fault, status) => {
    suite.emu.handle.configure({ faults: { [fault]: 1 } });
    const { seen, onUpstreamResponse } = recorder();
    const error = await suite.emu.client({ retries: 2, onUpstreamResponse }).getArtist({ id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyUpstreamError);
    expect(error).toMatchObject({ status });
    expect(suite.emu.handle.stats().requests).toBe(3);
    expect(seen.map((s) => s.status)).toEqual([status, status, status]);
  });

  it('retries until success when the fault clears', async () => {
    suite.emu.handle.configure({ serviceUnavailableBody: 'empty', faults: { http503: 1 } });
    const client = suite.emu.client({ retries: 5, retryBaseDelayMs: 100 });
    const pending = client.getArtist({ id: TAYLOR_SWIFT_ID });
    while (suite.emu.handle.stats().requests < 1) await new Promise((r) => setTimeout(r, 5));
    suite.emu.handle.configure({ faults: { http503: 0 } });
    await expect(pending).resolves.toMatchObject({ id: TAYLOR_SWIFT_ID });
    expect(suite.emu.handle.stats().ok).toBe(1);
  });

  it('network resets are retried and reported as network_error', async () => {
    suite.emu.handle.configure({ faults: { reset: 1 } });
    const { seen, onUpstreamResponse } = recorder();
    await expect(suite.emu.client({ retries: 1, onUpstreamResponse }).getArtist({ id: TAYLOR_SWIFT_ID })).rejects.toBeInstanceOf(SpotifyUpstreamError);
    expect(seen.map((s) => s.status)).toEqual(['network_error', 'network_error']);
  });

  it('malformed JSON on a 200 → SpotifyUpstreamError, not retried, body not leaked', async () => {
    suite.emu.handle.configure({ faults: { malformedJson: 1 } });
    const error = (await suite.emu.client().getArtist({ id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SpotifyUpstreamError);
    expect(error.message).toBe('Spotify answered GET /v1/artists/{id} with malformed JSON');
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('calls the gate before every Web API request, retries included, never for the token', async () => {
    suite.emu.handle.configure({ faults: { http500: 1 } });
    const deadlines: (number | undefined)[] = [];
    const gate = { acquire: jest.fn(async (ctx: { deadline?: number }) => void deadlines.push(ctx.deadline)) };
    const deadline = Date.now() + 20_000;
    await expect(suite.emu.client({ retries: 2, gate }).getArtist({ id: TAYLOR_SWIFT_ID }, { deadline })).rejects.toBeInstanceOf(SpotifyUpstreamError);
    expect(gate.acquire).toHaveBeenCalledTimes(3);
    expect(deadlines).toEqual([deadline, deadline, deadline]);
    expect(suite.emu.handle.stats().tokens.requests).toBe(1);
  });

  it('a gate that refuses (cool-down) stops the call before any HTTP request, even on a retry', async () => {
    let calls = 0;
    const gate = {
      acquire: async () => {
        calls += 1;
        if (calls === 2) throw new SpotifyCooldownError('cooling down', { retryAfterMs: 5000, reason: 'QUOTA_EXCEEDED' });
      },
    };
    suite.emu.handle.configure({ faults: { http500: 1 } });
    const error = await suite.emu.client({ retries: 3, gate }).getArtist({ id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyCooldownError);
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('no retry starts after the deadline', async () => {
    suite.emu.handle.configure({ faults: { http500: 1 } });
    const client = suite.emu.client({ retries: 3, retryBaseDelayMs: 60_000 });
    const error = await client.getArtist({ id: TAYLOR_SWIFT_ID }, { deadline: Date.now() + 5_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'upstream_error', status: 500 });
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('the request timeout is bounded by the deadline (a hanging Spotify)', async () => {
    const client = suite.emu.client({ retries: 3, requestTimeoutMs: 60_000 });
    await client.getArtist({ id: TAYLOR_SWIFT_ID }); // the token is cached before the clock starts
    suite.emu.handle.reset();
    suite.emu.handle.configure({ faults: { hang: 1 } });
    const error = await client.getArtist({ id: TAYLOR_SWIFT_ID }, { deadline: Date.now() + 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyUpstreamError);
    expect((error as Error).message).toMatch(/timed out/);
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('a deadline already past → SpotifyDeadlineError without any request', async () => {
    await expect(suite.emu.client().getArtist({ id: TAYLOR_SWIFT_ID }, { deadline: Date.now() - 1 })).rejects.toBeInstanceOf(SpotifyDeadlineError);
    expect(suite.emu.handle.stats().requests).toBe(0);
  });
});
