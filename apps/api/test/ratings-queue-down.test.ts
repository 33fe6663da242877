import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { devUserId } from '../src/auth/dev-auth';
import { mintDevToken } from '../src/auth/dev-token';
import { createBackgroundJobs } from '../src/services/background-jobs';
import { captureLogger } from '@albumboard/test-support';
import { createTestStore, type TestStore } from './support/test-database';
import { apiRedis, recordingCaller, testConfig } from './support/test-env';
import { bearer } from './support/tokens';

const ALBUM_ID = '1DFixLWuPkv3KT3TnV35m3';
const NO_HANG_MS = 15_000;

describe('a rating while Redis (the leaderboard queue) is unreachable', () => {
  let db: TestStore;
  let dead: Redis;

  beforeAll(async () => {
    db = await createTestStore('queue_down');
    dead = apiRedis('redis://127.0.0.1:1');
    await db.store.upsertAlbums([{ id: ALBUM_ID, name: 'Midnights', artists: [{ id: '06HL4z0CvFAxyc27GXpf02', name: 'Taylor Swift' }] }]);
  });

  afterAll(async () => {
    dead.disconnect();
    await db.drop();
  });

  it('is stored and acknowledged; the failed recompute request is only logged', async () => {
    const { logger, raw: lines } = captureLogger('api-test', 'warn');
    const config = testConfig({ DATABASE_URL: db.url });
    const jobs = createBackgroundJobs(dead, config.QUEUE_PREFIX, logger);
    const app = createApp({ config, redis: dead, spotify: recordingCaller(), logger, ratings: db.store, jobs });
    try {
      const res = await request(app)
        .put(`/api/v1/albums/${ALBUM_ID}/rating`)
        .set('Authorization', bearer((await mintDevToken('dana')).token))
        .send({ score: 6 })
        .timeout(NO_HANG_MS)
        .expect(200);
      expect(res.body).toMatchObject({ albumId: ALBUM_ID, score: 6, userId: devUserId('dana') });
      expect((await db.store.listUserRatings(devUserId('dana'))).items.map((r) => r.score)).toEqual([6]);
      expect(lines.filter((line) => line.includes('could not enqueue leaderboard.recompute'))).toHaveLength(2);
    } finally {
      await jobs.close();
    }
  });
});
