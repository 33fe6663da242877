import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import type { ApiConfig } from '../src/config';
import { buildSpotifyCaller } from '../src/spotify-caller';
import { captureLogger } from '@albumboard/test-support';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, testConfig } from './support/test-env';

/** An app in direct mode on the emulator (the limits sit in front of the Spotify path either way). */
describe('per-client rate limits (express-rate-limit on Redis)', () => {
  let emulator: EmulatorHandle;
  let redis: Redis;
  const callers: SpotifyCaller[] = [];
  const prefixes: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rateLimitPer30s: 0 });
    redis = apiRedis();
    await redis.connect();
  });

  afterAll(async () => {
    for (const caller of callers) await caller.close();
    for (const prefix of prefixes) await deletePrefix(redis, prefix);
    await redis.quit();
    await emulator.close();
  });

  function build(overrides: Record<string, string>, connection: Redis = redis, logger = captureLogger('api-test', 'debug').logger): { app: Express; config: ApiConfig } {
    const config = testConfig({
      SPOTIFY_CALL_MODE: 'direct',
      SPOTIFY_API_URL: `${emulator.url}/v1`,
      SPOTIFY_ACCOUNTS_URL: emulator.url,
      TRUST_PROXY: 'loopback',
      ...overrides,
    });
    prefixes.push(config.QUEUE_PREFIX);
    const spotify = buildSpotifyCaller(config, connection, logger);
    callers.push(spotify);
    return { app: createApp({ config, redis: connection, spotify, logger }), config };
  }

  const search = (app: Express, client: string, query: string) => request(app).get(`/api/v1/search?query=${encodeURIComponent(query)}`).set('X-Forwarded-For', client);

  it('refuses a client past its search limit with 429 client_rate_limited and draft-8 headers, while other clients keep their answers', async () => {
    const { logger, raw: lines } = captureLogger('api-test', 'debug');
    const { app } = build({ API_RATE_LIMIT_SEARCH_PER_MIN: '3' }, redis, logger);
    for (const artist of ['Radiohead', 'Adele', 'Daft Punk']) {
      const res = await search(app, '203.0.113.5', artist).expect(200);
      expect(res.headers.ratelimit).toMatch(/^"search"; r=\d; t=\d+$/);
    }
    const upstream = emulator.stats().requests;
    const refused = await search(app, '203.0.113.5', 'Beyoncé').expect(429);
    expect(refused.body).toEqual({ error: { code: 'client_rate_limited', message: expect.stringContaining('Retry-After') } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers.ratelimit).toMatch(/^"search"; r=0; t=\d+$/);
    expect(refused.headers['ratelimit-policy']).toMatch(/^"search"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/);
    expect(emulator.stats().requests).toBe(upstream); // refused before any Spotify call

    await search(app, '203.0.113.6', 'Beyoncé').expect(200); // another client is unaffected
    const metrics = await request(app).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^albumboard_client_rate_limited_total\{scope="search"\} 1$/m);
    expect(lines.some((line) => line.includes('"event":"client_rate_limited"') && line.includes('"level":40'))).toBe(true);
    expect(lines.some((line) => line.includes('upstream_rate_limited'))).toBe(false);
    // express-rate-limit's own configuration checks (ERR_ERL_*) found nothing to complain about.
    expect(lines.filter((line) => line.includes('"component":"client-rate-limit"') && line.includes('"level":50'))).toEqual([]);
  });

  it('does not count cached answers: a client may repeat a cached search beyond the limit, and the limit is not even consulted', async () => {
    const { app } = build({ API_RATE_LIMIT_SEARCH_PER_MIN: '2' });
    await search(app, '198.51.100.7', 'Miles Davis').expect(200);
    for (let i = 0; i < 6; i += 1) {
      const res = await search(app, '198.51.100.7', 'miles  davis').expect(200);
      expect(res.body.cached).toBe(true);
      expect(res.headers.ratelimit).toBeUndefined(); // counted searches carry the header; a fresh cached one is not counted
    }
    await search(app, '198.51.100.7', 'Pink Floyd').expect(200); // the second fresh search still fits
    await search(app, '198.51.100.7', 'The Beatles').expect(429);
  });

  it("neither counts nor refuses the operator's requests (Bearer ADMIN_TOKEN); any other token is a client's like no token", async () => {
    const token = 'rate-limit-admin-token-0001';
    const { app } = build({ API_RATE_LIMIT_SEARCH_PER_MIN: '1', API_RATE_LIMIT_PER_MIN: '1', ADMIN_TOKEN: token });
    const client = '203.0.113.40';
    await search(app, client, 'Radiohead').expect(200);
    await search(app, client, 'Adele').expect(429);
    for (const artist of ['Daft Punk', 'Beyoncé']) {
      const res = await search(app, client, artist).set('Authorization', `Bearer ${token}`).expect(200);
      expect(res.headers.ratelimit).toBeUndefined(); // not counted
    }
    await search(app, client, 'Björk').set('Authorization', `Bearer ${token}x`).expect(429);
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', client).expect(200);
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', client).expect(429);
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', client).set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('applies the general limit to the other routes, never to /healthz', async () => {
    const { app } = build({ API_RATE_LIMIT_PER_MIN: '2' });
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', '192.0.2.1').expect(200);
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', '192.0.2.1').expect(200);
    const refused = await request(app).get('/api/v1/leaderboard').set('X-Forwarded-For', '192.0.2.1').expect(429);
    expect(refused.body.error.code).toBe('client_rate_limited');
    expect(refused.headers.ratelimit).toMatch(/^"general"; r=0/);
    for (let i = 0; i < 5; i += 1) await request(app).get('/healthz').set('X-Forwarded-For', '192.0.2.1').expect(200);
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', '192.0.2.2').expect(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY trusts the sender: spoofed addresses share one budget', async () => {
    const { app } = build({ API_RATE_LIMIT_PER_MIN: '2', TRUST_PROXY: 'false' });
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', '10.0.0.1').expect(200);
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', '10.0.0.2').expect(200);
    await request(app).get('/api/v1/openapi.json').set('X-Forwarded-For', '10.0.0.3').expect(429);
  });

  it('shares counts across api replicas (two apps on one Redis and prefix)', async () => {
    const { app: first, config } = build({ API_RATE_LIMIT_PER_MIN: '2' });
    const second = createApp({ config, redis, spotify: callers[callers.length - 1]!, logger: captureLogger('api-test').logger });
    await request(first).get('/api/v1/openapi.json').set('X-Forwarded-For', '192.0.2.9').expect(200);
    await request(second).get('/api/v1/openapi.json').set('X-Forwarded-For', '192.0.2.9').expect(200);
    await request(first).get('/api/v1/openapi.json').set('X-Forwarded-For', '192.0.2.9').expect(429);
  });

  it('with Redis unreachable, lets requests through unlimited: no 500, no 429, no hang', async () => {
    const dead = apiRedis('redis://127.0.0.1:1');
    try {
      const { app } = build({ API_RATE_LIMIT_SEARCH_PER_MIN: '1', API_RATE_LIMIT_PER_MIN: '1' }, dead);
      for (let i = 0; i < 3; i += 1) {
        const res = await search(app, '203.0.113.50', 'Radiohead').timeout(8000);
        expect(res.status).toBe(503); // the search cache needs Redis: queue_unavailable, not a limiter error
        expect(res.body.error.code).toBe('queue_unavailable');
        await request(app).get('/api/v1/openapi.json').timeout(8000).expect(200);
      }
    } finally {
      dead.disconnect();
    }
  });

  it('starts counting once Redis answers, even if it was not connected when the app was built', async () => {
    const late = apiRedis(); // lazy and without an offline queue: the limiter's SCRIPT LOAD at build time fails
    try {
      const { app } = build({ API_RATE_LIMIT_PER_MIN: '2' }, late);
      const deadline = Date.now() + 5000;
      while (late.status !== 'ready' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(late.status).toBe('ready');
      await request(app).get('/api/v1/openapi.json').expect(200);
      await request(app).get('/api/v1/openapi.json').expect(200);
      await request(app).get('/api/v1/openapi.json').expect(429);
    } finally {
      await late.quit();
    }
  });

  it('keeps counting after Redis lost its scripts (as after a restart)', async () => {
    const { app } = build({ API_RATE_LIMIT_PER_MIN: '2' });
    await request(app).get('/api/v1/openapi.json').expect(200);
    await redis.script('FLUSH');
    await request(app).get('/api/v1/openapi.json').expect(200);
    await request(app).get('/api/v1/openapi.json').expect(429);
  });

  it('0 disables a limit', async () => {
    const { app } = build({ API_RATE_LIMIT_PER_MIN: '0' });
    for (let i = 0; i < 5; i += 1) {
      const res = await request(app).get('/api/v1/openapi.json').expect(200);
      expect(res.headers.ratelimit).toBeUndefined();
    }
  });
});
