import type { SpotifyCaller } from '@albumboard/spotify-client';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { buildSpotifyCaller } from '../src/spotify-caller';
import { apiRedis, logger, testConfig } from './support/test-env';

/** Long enough to tell an answer from a hang; not a speed assertion. */
const NO_HANG_MS = 8000;

describe('Redis unreachable (a client pointed at 127.0.0.1:1)', () => {
  let dead: Redis;
  const callers: SpotifyCaller[] = [];

  beforeAll(() => {
    dead = apiRedis('redis://127.0.0.1:1');
  });

  afterAll(async () => {
    for (const caller of callers) await caller.close();
    dead.disconnect();
  });

  function appWith(overrides: Record<string, string>) {
    const config = testConfig({ SPOTIFY_CALL_TIMEOUT_MS: '20000', ...overrides });
    const spotify = buildSpotifyCaller(config, dead, logger);
    callers.push(spotify);
    return createApp({ config, redis: dead, spotify, logger });
  }

  it('answers a search with 503 queue_unavailable and Retry-After when the cache read fails', async () => {
    const res = await request(appWith({})).get('/api/v1/search?query=Taylor+Swift').timeout(NO_HANG_MS).expect(503);
    expect(res.body.error.code).toBe('queue_unavailable');
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('answers 503 queue_unavailable from the worker proxy too (cache disabled)', async () => {
    const res = await request(appWith({ SEARCH_CACHE_TTL_S: '0' }))
      .get('/api/v1/search?query=Taylor+Swift')
      .timeout(NO_HANG_MS)
      .expect(503);
    expect(res.body).toEqual({ error: { code: 'queue_unavailable', message: expect.any(String) } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('keeps answering /healthz', async () => {
    await request(appWith({})).get('/healthz').timeout(NO_HANG_MS).expect(200, { status: 'ok' });
  });
});
