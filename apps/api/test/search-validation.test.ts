import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, logger, recordingCaller, testConfig } from './support/test-env';

describe('GET /api/v1/search validation', () => {
  const config = testConfig();
  const spotify = recordingCaller();
  let redis: Redis;
  let app: Express;

  beforeAll(async () => {
    redis = apiRedis();
    await redis.connect();
    app = createApp({ config, redis, spotify, logger });
  });

  afterAll(async () => {
    await deletePrefix(redis, config.QUEUE_PREFIX);
    await redis.quit();
  });

  it.each([
    ['missing query', '', 'query'],
    ['empty query', 'query=', 'query'],
    ['blank query', 'query=%20%20%20', 'query'],
    ['too long query', `query=${'a'.repeat(201)}`, 'query'],
    ['limit 0', 'query=abba&limit=0', 'limit'],
    ['limit 51', 'query=abba&limit=51', 'limit'],
    ['limit abc', 'query=abba&limit=abc', 'limit'],
    ['limit 1.5', 'query=abba&limit=1.5', 'limit'],
    ['offset -1', 'query=abba&offset=-1', 'offset'],
    ['offset 1001', 'query=abba&offset=1001', 'offset'],
    ['market usa', 'query=abba&market=usa', 'market'],
    ['market 12', 'query=abba&market=12', 'market'],
    ['repeated query', 'query=a&query=b', 'query'],
    ['bracketed query', 'query[]=a&query[]=b', 'query'],
    ['bracketed query next to a plain one', 'query=a&query[]=b', 'query'],
    ['nested query', 'query[x]=a', 'query'],
    ['repeated limit', 'query=abba&limit=5&limit=6', 'limit'],
  ])('%s → 400 invalid_request naming %s, Spotify never called', async (_name, qs, path) => {
    const res = await request(app).get(`/api/v1/search?${qs}`).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error.code).toBe('invalid_request');
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|node_modules/);
    expect(spotify.calls).toHaveLength(0);
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
