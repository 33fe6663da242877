import type { RatingStore } from '@albumboard/rating-store';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import type { ApiConfig } from '../src/config';
import { deadStore } from './support/test-database';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, logger, recordingCaller, testConfig } from './support/test-env';
import { bearer, signHs256 } from './support/tokens';

/** Long enough to tell an answer from a hang; not a speed assertion. */
const NO_HANG_MS = 15_000;
const ALBUM_ID = '4aawyAB9vmqN3uQ7FjRGTy';

describe('the ratings database is down (a store pointed at a closed port)', () => {
  const spotify = recordingCaller();
  let config: ApiConfig;
  let redis: Redis;
  let store: RatingStore;
  let app: Express;
  let auth: string;

  beforeAll(async () => {
    config = testConfig();
    redis = apiRedis();
    await redis.connect();
    store = await deadStore();
    app = createApp({ config, redis, spotify, logger, ratings: store });
    auth = bearer(await signHs256('0b7ee7a4-3f43-4d4e-9c6e-0f6bd2d1a002'));
  });

  afterAll(async () => {
    await store.close();
    await deletePrefix(redis, config.QUEUE_PREFIX);
    await redis.quit();
  });

  it.each([
    ['PUT a rating', () => request(app).put(`/api/v1/albums/${ALBUM_ID}/rating`).set('Authorization', auth).send({ score: 7 })],
    ['DELETE a rating', () => request(app).delete(`/api/v1/albums/${ALBUM_ID}/rating`).set('Authorization', auth)],
    ['GET my ratings', () => request(app).get('/api/v1/me/ratings').set('Authorization', auth)],
    ['GET an album', () => request(app).get(`/api/v1/albums/${ALBUM_ID}`)],
    ['GET the leaderboard', () => request(app).get('/api/v1/leaderboard?window=week')],
  ])('%s → 503 database_unavailable with Retry-After, not 500 and not a hang', async (_name, send) => {
    const res = await send().timeout(NO_HANG_MS);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: 'database_unavailable', message: 'The ratings database is unavailable; try again shortly' } });
    expect(res.headers['retry-after']).toBe('5');
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres/);
    expect(spotify.calls).toHaveLength(0);
  });

  it('an app built without a store answers the rating routes 503 too', async () => {
    const bare = createApp({ config, redis, spotify, logger });
    const res = await request(bare).get('/api/v1/leaderboard').timeout(NO_HANG_MS).expect(503);
    expect(res.body.error.code).toBe('database_unavailable');
  });
});
