import { CooldownStore } from '@albumboard/spotify-client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../src/app';
import { createTestStore, type TestStore } from './support/test-database';
import { logger } from './support/test-env';
import { startWorkerPath, type WorkerPath } from './support/worker-path';

const GET_ALBUM = 'GET /v1/albums/{id}';
const DAY_MS = 24 * 3600 * 1000;

/**
 * Catalogue entries as a cache (CATALOG_REFRESH_AFTER_DAYS fresh, SEARCH_CACHE_STALE_S stale) on real Redis and
 * PostgreSQL. The app's clock is moved by hand; the entries' refreshed_at is the database's.
 */
describe('GET /api/v1/albums/{id} past its freshness', () => {
  let path: WorkerPath;
  let db: TestStore;
  let app: Express;
  let albumId: string;
  let now = Date.now();
  const clock = (): number => now;
  const lookups = (): number => path.emulator.stats().byEndpoint[GET_ALBUM] ?? 0;

  beforeAll(async () => {
    db = await createTestStore('stale');
    path = await startWorkerPath({ DATABASE_URL: db.url, CATALOG_REFRESH_AFTER_DAYS: '1', SEARCH_CACHE_STALE_S: String(7 * 24 * 3600), SPOTIFY_CALL_TIMEOUT_MS: '5000' });
    app = createApp({ config: path.config, redis: path.redis, spotify: path.spotify, logger, ratings: db.store, now: clock });
    const search = await request(app).get('/api/v1/search?query=Taylor+Swift&limit=1').expect(200);
    albumId = search.body.items[0].id;
  });

  afterAll(async () => {
    await path.close();
    await db.drop();
  });

  it('an unknown album is looked up and stored (fwd=miss); then a fresh hit with Age', async () => {
    const first = await request(app).get(`/api/v1/albums/${albumId}`).expect(200);
    expect(first.headers['cache-status']).toBe('albumboard; fwd=miss; stored');
    expect(lookups()).toBe(1);
    const second = await request(app).get(`/api/v1/albums/${albumId}`).expect(200);
    expect(second.headers['cache-status']).toBe('albumboard; hit');
    expect(Number(second.headers.age)).toBeGreaterThanOrEqual(0);
    expect(second.body).toEqual(first.body);
    expect(lookups()).toBe(1);
  });

  it('past its freshness with Spotify working, the entry is looked up again and its refreshed_at moves', async () => {
    const before = await db.store.getAlbum(albumId);
    now += 2 * DAY_MS;
    const res = await request(app).get(`/api/v1/albums/${albumId}`).expect(200);
    expect(res.headers['cache-status']).toBe('albumboard; fwd=stale; stored');
    expect(lookups()).toBe(2);
    const after = await db.store.getAlbum(albumId);
    expect(after!.album.refreshedAt.getTime()).toBeGreaterThan(before!.album.refreshedAt.getTime());
  });

  it('past its freshness during a cool-down, the stale entry is answered; with SEARCH_CACHE_STALE_S=0 the 503', async () => {
    now += 2 * DAY_MS;
    const cooldowns = new CooldownStore(path.redis, path.config.QUEUE_PREFIX);
    await cooldowns.set(Date.now() + 90_000, 'QUOTA_EXCEEDED');
    try {
      const res = await request(app).get(`/api/v1/albums/${albumId}`).expect(200);
      expect(res.headers['cache-status']).toMatch(/^albumboard; fwd=stale; fwd-status=503; ttl=-\d+$/);
      expect(Number(res.headers.age)).toBeGreaterThanOrEqual(2 * 24 * 3600);
      expect(res.body.album.id).toBe(albumId);
      expect(lookups()).toBe(2);

      const strict = createApp({ ...path, config: { ...path.config, SEARCH_CACHE_STALE_S: 0 }, logger, ratings: db.store, now: clock });
      const refused = await request(strict).get(`/api/v1/albums/${albumId}`).expect(503);
      expect(refused.body.error.code).toBe('spotify_unavailable');
    } finally {
      await cooldowns.clear();
    }
  });

  it('past its freshness with worker-spotify gone, the stale entry is answered instead of the timeout', async () => {
    await path.spotifyWorker.close();
    const res = await request(app).get(`/api/v1/albums/${albumId}`).expect(200);
    expect(res.headers['cache-status']).toMatch(/^albumboard; fwd=stale; fwd-status=50[34]; ttl=-\d+$/);
    expect(res.body.album.id).toBe(albumId);
  });
});
