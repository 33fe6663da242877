import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../src/app';
import { startAppOnDeadStore, type AppOnDeadStore } from './support/app-on-dead-store';
import { logger } from './support/test-env';

/** Long enough to tell an answer from a hang; not a speed assertion. */
const NO_HANG_MS = 15_000;
const ALBUM_ID = '4aawyAB9vmqN3uQ7FjRGTy';

describe('the ratings database is down (a store pointed at a closed port)', () => {
  let harness: AppOnDeadStore;
  let app: Express;
  let auth: string;

  beforeAll(async () => {
    harness = await startAppOnDeadStore('0b7ee7a4-3f43-4d4e-9c6e-0f6bd2d1a002');
    ({ app, auth } = harness);
  });

  afterAll(() => harness.close());

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
    expect(harness.spotify.calls).toHaveLength(0);
  });

  it('an app built without a store answers the rating routes 503 too', async () => {
    const bare = createApp({ config: harness.config, redis: harness.redis, spotify: harness.spotify, logger });
    const res = await request(bare).get('/api/v1/leaderboard').timeout(NO_HANG_MS).expect(503);
    expect(res.body.error.code).toBe('database_unavailable');
  });
});
