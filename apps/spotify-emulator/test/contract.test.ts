import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { OPENAPI_PATH, SpotifyContract } from './support/openapi';
import { fakeClock, testEmulator, type TestEmulator } from './support/helpers';

/**
 * Contract test: real emulator responses validated against Spotify's OpenAPI description. Every
 * response without `market` is checked against the unmodified spec; with `market`, only the
 * relaxations listed in support/openapi.ts (RELAXED_REQUIRED_WHEN_MARKET_SENT) apply. A second check
 * rejects fields the spec does not declare (DOCUMENTED_EXTRA_PROPERTIES lists the recorded exceptions).
 */
const contract = new SpotifyContract();
const REAL = path.resolve(path.dirname(OPENAPI_PATH), 'real-responses');
const real = (file: string): unknown => JSON.parse(readFileSync(path.join(REAL, file), 'utf8'));

type Target = { path: string; status: string } | { response: string };

/** Compiled once per target: ajv's compile is the slow part. */
const validators = new Map<string, ReturnType<typeof contract.validator>>();

function expectValid(target: Target, body: unknown, marketSent = false): void {
  const key = JSON.stringify([target, marketSent]);
  const validate = validators.get(key) ?? contract.validator(target, marketSent);
  validators.set(key, validate);
  const ok = validate(body);
  expect(ok ? [] : validate.errors).toEqual([]);
  expect(contract.undeclaredKeys(target, body)).toEqual([]);
}

describe('validator sanity (the spec accepts real recordings, rejects broken bodies)', () => {
  it('accepts recorded 2026/2025 bodies', () => {
    expectValid({ path: '/search', status: '200' }, real('search-artist.Akshaya633-Spotify-API-Explorer.2026.json'));
    expectValid({ path: '/albums/{id}', status: '200' }, real('album.joostlek-python-spotify.json'));
    expectValid({ path: '/artists/{id}/albums', status: '200' }, real('artist-albums.joostlek-python-spotify.json'));
    expectValid({ path: '/artists/{id}', status: '200' }, real('artist.joostlek-python-spotify.json'));
    expectValid({ response: 'TooManyRequests' }, real('error-429.quota-exceeded.2026.json'));
  });

  it('rejects a paging object without total, a bad album_type and an undeclared field', () => {
    const body = real('search-artist.Akshaya633-Spotify-API-Explorer.2026.json') as { artists: Record<string, unknown> };
    const { total: _total, ...noTotal } = body.artists;
    expect(contract.validator({ path: '/search', status: '200' })({ artists: noTotal })).toBe(false);
    const album = real('album.joostlek-python-spotify.json') as Record<string, unknown>;
    expect(contract.validator({ path: '/albums/{id}', status: '200' })({ ...album, album_type: 'ep' })).toBe(false);
    expect(contract.undeclaredKeys({ path: '/albums/{id}', status: '200' }, { ...album, mood: 'happy' })).toEqual(['$.mood']);
  });

  it('the market relaxation is needed: without it a market response fails', () => {
    const album = real('album.joostlek-python-spotify.json') as Record<string, unknown>;
    const { available_markets: _m, ...withoutMarkets } = album;
    expect(contract.validator({ path: '/albums/{id}', status: '200' })(withoutMarkets)).toBe(false);
    expect(contract.validator({ path: '/albums/{id}', status: '200' }, true)(withoutMarkets)).toBe(true);
  });
});

describe('emulator responses match the Spotify OpenAPI contract', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await testEmulator({ rateLimitPer30s: 0 });
  });

  it.each([
    ['search artist', '/v1/search?q=taylor&type=artist&limit=10', '/search'],
    ['search album', '/v1/search?q=taylor%20swift&type=album&limit=10', '/search'],
    ['search both, paged', '/v1/search?q=the&type=artist,album&limit=3&offset=2', '/search'],
    ['search other types (empty)', '/v1/search?q=x&type=track,playlist,show,episode,audiobook', '/search'],
    ['artist', '/v1/artists/06HL4z0CvFAxyc27GXpf02', '/artists/{id}'],
    ['artist albums', '/v1/artists/4tZwfgrHOc3mvqYlEYSvVi/albums?limit=10', '/artists/{id}/albums'],
    ['album', '/v1/albums/1weenld61qoidwYuZ1GESA', '/albums/{id}'],
    ['album tracks', '/v1/albums/1weenld61qoidwYuZ1GESA/tracks?limit=2', '/albums/{id}/tracks'],
  ])('%s (no market: unmodified spec)', async (_name, url, specPath) => {
    const res = await emu.get(url).expect(200);
    expectValid({ path: specPath, status: '200' }, res.body);
  });

  it.each([
    ['search album', '/v1/search?q=radiohead&type=album&market=US', '/search'],
    ['artist albums', '/v1/artists/06HL4z0CvFAxyc27GXpf02/albums?market=SE&include_groups=album', '/artists/{id}/albums'],
    ['album', '/v1/albums/78bpIziExqiI9qztvNFlQu?market=GB', '/albums/{id}'],
  ])('%s with market (available_markets relaxed)', async (_name, url, specPath) => {
    const res = await emu.get(url).expect(200);
    expect(JSON.stringify(res.body)).not.toContain('available_markets');
    expectValid({ path: specPath, status: '200' }, res.body, true);
  });

  it('every real artist of the catalogue answers valid search, artist, artist albums (every release) and album bodies', async () => {
    const real = [...emu.state.catalog.artists.values()].filter((a) => !a.generated);
    expect(real.length).toBeGreaterThanOrEqual(150);
    for (const artist of real) {
      const search = await emu.get(`/v1/search?q=${encodeURIComponent(artist.name)}&type=artist,album&limit=10`).expect(200);
      expectValid({ path: '/search', status: '200' }, search.body);
      expectValid({ path: '/artists/{id}', status: '200' }, (await emu.get(`/v1/artists/${artist.id}`).expect(200)).body);
      const albums = await emu.get(`/v1/artists/${artist.id}/albums?limit=10`).expect(200);
      expectValid({ path: '/artists/{id}/albums', status: '200' }, albums.body);
      for (let offset = 10; offset < albums.body.total; offset += 10) {
        const page = await emu.get(`/v1/artists/${artist.id}/albums?limit=10&offset=${offset}`).expect(200);
        expectValid({ path: '/artists/{id}/albums', status: '200' }, page.body);
      }
      const [latest] = albums.body.items as { id: string }[];
      expectValid({ path: '/albums/{id}', status: '200' }, (await emu.get(`/v1/albums/${latest?.id}`).expect(200)).body);
    }
  });

  it('artist with the deprecated fields switched on still matches', async () => {
    emu.state.configure({ includeDeprecatedArtistFields: true });
    try {
      const res = await emu.get('/v1/search?q=queen&type=artist').expect(200);
      expectValid({ path: '/search', status: '200' }, res.body);
    } finally {
      emu.state.configure({ includeDeprecatedArtistFields: false });
    }
  });

  it('error bodies: 400, 401, 404, 429 (rate limit and quota), 500', async () => {
    expectValid({ response: 'BadRequest' }, (await emu.get('/v1/search?q=x&type=artist&limit=11').expect(400)).body);
    expectValid({ response: 'BadRequest' }, (await emu.get('/v1/albums/nope').expect(400)).body);
    expectValid({ path: '/search', status: '401' }, (await request(emu.app).get('/v1/search?q=x&type=artist').expect(401)).body);
    expectValid({ response: 'NotFound' }, (await emu.get('/v1/artists/0000000000000000000000').expect(404)).body);

    const clock = fakeClock();
    const limited = await testEmulator({ rateLimitPer30s: 1, dailyQuota: 2, now: clock.now });
    await limited.get('/v1/artists/06HL4z0CvFAxyc27GXpf02').expect(200);
    expectValid({ path: '/artists/{id}', status: '429' }, (await limited.get('/v1/artists/06HL4z0CvFAxyc27GXpf02').expect(429)).body);
    clock.advance(30_000);
    await limited.get('/v1/artists/06HL4z0CvFAxyc27GXpf02').expect(200);
    const quota = await limited.get('/v1/artists/06HL4z0CvFAxyc27GXpf02').expect(429);
    expect(quota.body.error.reason).toBe('QUOTA_EXCEEDED');
    expectValid({ path: '/artists/{id}', status: '429' }, quota.body);

    const failing = await testEmulator({ faults: { http500: 1 } });
    expectValid({ response: 'BadRequest' /* same {error: ErrorObject} shape */ }, (await failing.get('/v1/albums/1weenld61qoidwYuZ1GESA').expect(500)).body);
  });
});
