import { CooldownStore } from '@albumboard/spotify-client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../src/app';
import { logger } from './support/test-env';
import { startWorkerPath, type WorkerPath } from './support/worker-path';

const SEARCH = '/api/v1/search?query=Taylor+Swift';

/**
 * Stale answers (SEARCH_CACHE_STALE_S) through worker-spotify, on real Redis: the app's clock is moved by hand, so
 * nothing here waits for a TTL or asserts on time.
 */
describe('GET /api/v1/search past its fresh TTL', () => {
  let path: WorkerPath;
  let app: Express;
  let now = Date.UTC(2026, 0, 1);
  const clock = (): number => now;

  beforeAll(async () => {
    path = await startWorkerPath({ SEARCH_CACHE_TTL_S: '60', SEARCH_CACHE_STALE_S: '3600', SPOTIFY_CALL_TIMEOUT_MS: '1500' });
    app = createApp({ config: path.config, redis: path.redis, spotify: path.spotify, logger, now: clock });
  });

  afterAll(() => path.close());

  it('a miss goes to Spotify and is stored; a fresh hit carries Age and "albumboard; hit"', async () => {
    const first = await request(app).get(SEARCH).expect(200);
    expect(first.headers['cache-status']).toBe('albumboard; fwd=miss; stored');
    expect(first.headers.age).toBeUndefined();
    expect(first.body.cached).toBe(false);
    now += 30_000;
    const second = await request(app).get(SEARCH).expect(200);
    expect(second.headers['cache-status']).toBe('albumboard; hit');
    expect(second.headers.age).toBe('30');
    expect(second.body).toEqual({ ...first.body, cached: true });
  });

  it('past fresh with Spotify working, a new answer is fetched and stored', async () => {
    now += 31_000; // 61 s since the fetch
    const upstream = path.emulator.stats().requests;
    const refreshed = await request(app).get(SEARCH).expect(200);
    expect(refreshed.headers['cache-status']).toBe('albumboard; fwd=stale; stored');
    expect(refreshed.body.cached).toBe(false);
    expect(path.emulator.stats().requests).toBeGreaterThan(upstream);
    const hit = await request(app).get(SEARCH).expect(200);
    expect(hit.headers['cache-status']).toBe('albumboard; hit');
    expect(hit.headers.age).toBe('0');
  });

  it('past fresh during a cool-down, the stale copy is answered with its Age; with SEARCH_CACHE_STALE_S=0 the 503', async () => {
    const fresh = await request(app).get(SEARCH).expect(200);
    now += 120_000;
    const cooldowns = new CooldownStore(path.redis, path.config.QUEUE_PREFIX);
    await cooldowns.set(Date.now() + 90_000, 'QUOTA_EXCEEDED');
    try {
      const upstream = path.emulator.stats().requests;
      const stale = await request(app).get(SEARCH).expect(200);
      expect(stale.headers['cache-status']).toBe('albumboard; fwd=stale; fwd-status=503; ttl=-60');
      expect(stale.headers.age).toBe('120');
      expect(stale.body).toEqual({ ...fresh.body, cached: true });
      expect(path.emulator.stats().requests).toBe(upstream);

      const strict = createApp({ ...path, config: { ...path.config, SEARCH_CACHE_STALE_S: 0 }, logger, now: clock });
      const refused = await request(strict).get(SEARCH).expect(503);
      expect(refused.body.error.code).toBe('spotify_unavailable');
      expect(refused.headers['cache-status']).toBeUndefined();
    } finally {
      await cooldowns.clear();
    }
  });

  it('past fresh with worker-spotify gone, the stale copy is answered instead of the timeout', async () => {
    await path.spotifyWorker.close();
    now += 1_000_000; // 1120 s since the last fetch: past fresh (60 s), inside the stale window (3600 s more)
    const stale = await request(app).get(SEARCH).expect(200);
    expect(stale.headers['cache-status']).toMatch(/^albumboard; fwd=stale; fwd-status=50[34]; ttl=-\d+$/);
    expect(stale.headers.age).toBe('1120');
    expect(stale.body.cached).toBe(true);
    // Past fresh + stale, nothing is left to answer with: the error itself (no worker: refused at once).
    now += 3_600_000;
    const refused = await request(app).get(SEARCH).expect(503);
    expect(refused.body.error.code).toBe('spotify_worker_unavailable');
  });
});
