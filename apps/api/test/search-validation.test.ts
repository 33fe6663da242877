import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../src/app';
import { logger, recordingCaller, testConfig, useApiRedis } from './support/test-env';

describe('GET /api/v1/search validation', () => {
  const config = testConfig();
  const spotify = recordingCaller();
  const { redis, track } = useApiRedis();
  track(config.QUEUE_PREFIX);
  let app: Express;
  beforeAll(() => {
    app = createApp({ config, redis, spotify, logger });
  });

  /** Query strings the search refuses, by the parameter the error names. */
  const refused: Record<string, string[]> = {
    query: ['', 'query=', 'query=%20%20%20', `query=${'a'.repeat(201)}`, 'query=a&query=b', 'query[]=a&query[]=b', 'query=a&query[]=b', 'query[x]=a'],
    limit: ['query=abba&limit=0', 'query=abba&limit=51', 'query=abba&limit=abc', 'query=abba&limit=1.5', 'query=abba&limit=5&limit=6'],
    offset: ['query=abba&offset=-1', 'query=abba&offset=1001'],
    market: ['query=abba&market=usa', 'query=abba&market=12'],
  };

  it.each(Object.entries(refused).flatMap(([path, queries]) => queries.map((qs) => [qs, path])))('?%s → 400 invalid_request naming %s, Spotify never called', async (qs, path) => {
    const res = await request(app).get(`/api/v1/search?${qs}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('invalid_request');
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|node_modules/);
    expect(spotify.calls).toHaveLength(0);
  });

  it.each<[string, string, { path: string; message: string }[]]>([
    ['', 'query is required', [{ path: 'query', message: 'is required' }]],
    ['limit=5', 'query is required', [{ path: 'query', message: 'is required' }]],
    ['query=a&query=b', 'query must be given once, as text', [{ path: 'query', message: 'must be given once, as text' }]],
    ['query=abba&limit=-1', 'limit must be a whole number from 1 to 50', [{ path: 'limit', message: 'must be a whole number from 1 to 50' }]],
    ['query=abba&limit=51', 'limit must be a whole number from 1 to 50', [{ path: 'limit', message: 'must be a whole number from 1 to 50' }]],
    ['query=abba&offset=1001', 'offset must be a whole number from 0 to 1000', [{ path: 'offset', message: 'must be a whole number from 0 to 1000' }]],
    // One detail per invalid market, whichever check refuses it (the pattern, or the list of countries).
    ['query=abba&market=usa', 'market must be a country code (ISO 3166-1 alpha-2), e.g. US', [{ path: 'market', message: 'must be a country code (ISO 3166-1 alpha-2), e.g. US' }]],
    ['query=abba&market=zz', 'market must be a country code (ISO 3166-1 alpha-2), e.g. US', [{ path: 'market', message: 'must be a country code (ISO 3166-1 alpha-2), e.g. US' }]],
    [
      'limit=0&market=1',
      'query is required; limit must be a whole number from 1 to 50; market must be a country code (ISO 3166-1 alpha-2), e.g. US',
      [
        { path: 'query', message: 'is required' },
        { path: 'limit', message: 'must be a whole number from 1 to 50' },
        { path: 'market', message: 'must be a country code (ISO 3166-1 alpha-2), e.g. US' },
      ],
    ],
  ])('?%s → says "%s"', async (qs, message, details) => {
    const res = await request(app).get(`/api/v1/search?${qs}`).expect(400);
    expect(res.body).toEqual({ error: { code: 'invalid_request', message, details } });
  });

  it('accepts 200 characters and a lower-case market once trimmed (the caller is reached)', async () => {
    // The recording caller throws a plain Error: reaching it proves validation passed, and the answer is a generic 500.
    const res = await request(app).get(`/api/v1/search?query=%20${'a'.repeat(200)}%20&market=se&limit=50&offset=1000`).expect(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
    expect(spotify.calls).toEqual([
      { method: 'searchArtistAlbums', args: { query: 'a'.repeat(200), limit: 50, offset: 1000, market: 'SE' }, requestId: expect.any(String) },
    ]);
    spotify.calls.length = 0;
  });
});
