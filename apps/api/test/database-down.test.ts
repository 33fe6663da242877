import request from 'supertest';
import { createApp } from '../src/app';
import { startAppOnDeadStore } from './support/app-on-dead-store';
import { logger } from './support/test-env';
import { useStarted } from '@albumboard/test-support';

/** Long enough to tell an answer from a hang; not a speed assertion. */
const NO_HANG_MS = 15_000;
const ALBUM_ID = '4aawyAB9vmqN3uQ7FjRGTy';

describe('the ratings database is down (a store pointed at a closed port)', () => {
  const harness = useStarted(() => startAppOnDeadStore('0b7ee7a4-3f43-4d4e-9c6e-0f6bd2d1a002'));

  it.each([
    ['PUT a rating', () => request(harness.app).put(`/api/v1/albums/${ALBUM_ID}/rating`).set('Authorization', harness.auth).send({ score: 7 })],
    ['DELETE a rating', () => request(harness.app).delete(`/api/v1/albums/${ALBUM_ID}/rating`).set('Authorization', harness.auth)],
    ['GET my ratings', () => request(harness.app).get('/api/v1/me/ratings').set('Authorization', harness.auth)],
    ['GET an album', () => request(harness.app).get(`/api/v1/albums/${ALBUM_ID}`)],
    ['GET the leaderboard', () => request(harness.app).get('/api/v1/leaderboard?window=week')],
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
