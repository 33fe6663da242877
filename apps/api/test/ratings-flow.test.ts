import { leaderboardRecomputeDeduplicationId, QueueName } from '@albumboard/queue-contracts';
import { SpotifyWorkerProxy } from '@albumboard/spotify-client';
import { Queue } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { mintDevToken } from '../src/auth/dev-token';
import type { ApiConfig } from '../src/config';
import { albumResponseSchema } from '../src/schemas/album.schema';
import { leaderboardResponseSchema } from '../src/schemas/leaderboard.schema';
import { createBackgroundJobs, type BackgroundJobs } from '../src/services/background-jobs';

import { createTestStore, type TestStore } from './support/test-database';
import { workerConnection } from '@albumboard/test-support';
import { logger } from './support/test-env';
import { bearer } from './support/tokens';
import { startWorkerPath, type WorkerPath } from './support/worker-path';

const GET_ALBUM = 'GET /v1/albums/{id}';

/** Polls `read` until `done` holds (at most 10 s), returning the last value. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const NOT_ON_SPOTIFY = '0000000000000000000000';

describe('ratings and leaderboards through the real worker path (emulator → worker-spotify → api → PostgreSQL)', () => {
  let config: ApiConfig;
  let path: WorkerPath;
  let workerRedis: Redis;
  let jobs: BackgroundJobs;
  let db: TestStore;
  let app: Express;
  let leaderboardQueue: Queue;
  let defaultQueue: Queue;
  const tokens: Record<string, string> = {};
  let albumIds: string[] = [];
  /** The spotify.call jobs worker-spotify completed (a completed one is removed from Redis at once). */
  const completedCalls: Array<{ data: { method: string; args: unknown }; returnvalue: unknown }> = [];

  const albumLookups = (status?: number): number =>
    status === undefined ? (path.emulator.stats().byEndpoint[GET_ALBUM] ?? 0) : (path.emulator.stats().byEndpointStatus[GET_ALBUM]?.[String(status)] ?? 0);

  const rate = (user: string, albumId: string, score: number) =>
    request(app).put(`/api/v1/albums/${albumId}/rating`).set('Authorization', tokens[user]).send({ score });

  beforeAll(async () => {
    db = await createTestStore('flow');
    path = await startWorkerPath({ DATABASE_URL: db.url, SPOTIFY_CALL_TIMEOUT_MS: '15000' });
    ({ config } = path);
    path.spotifyWorker.worker.on('completed', (job) => completedCalls.push({ data: job.data as { method: string; args: unknown }, returnvalue: job.returnvalue }));
    workerRedis = workerConnection();
    jobs = createBackgroundJobs(path.redis, config.QUEUE_PREFIX, logger);
    app = createApp({ config, redis: path.redis, spotify: path.spotify, logger, ratings: db.store, jobs });
    leaderboardQueue = new Queue(QueueName.Leaderboard, { connection: workerRedis, prefix: config.QUEUE_PREFIX });
    defaultQueue = new Queue(QueueName.Default, { connection: workerRedis, prefix: config.QUEUE_PREFIX });
    for (const name of ['alice', 'bob', 'carol']) tokens[name] = bearer((await mintDevToken(name)).token);
  });

  afterAll(async () => {
    await leaderboardQueue.close();
    await defaultQueue.close();
    await jobs.close();
    await workerRedis.quit();
    await path.close();
    await db.drop();
  });

  it('the api calls Spotify only through the worker proxy (the spotify queue)', () => {
    expect(path.spotify).toBeInstanceOf(SpotifyWorkerProxy);
  });

  it('a fresh search hands its albums to worker-default (catalog.upsert-albums on queue default); a cached one does not', async () => {
    const res = await request(app).get('/api/v1/search?query=Taylor+Swift&limit=5').expect(200);
    expect(res.body.cached).toBe(false);
    albumIds = (res.body.items as { id: string }[]).map((a) => a.id);
    expect(albumIds.length).toBeGreaterThanOrEqual(4);

    // The search does not wait for the enqueue: poll for it.
    const queued = await eventually(() => defaultQueue.getJobs(['waiting', 'prioritized', 'delayed']), (list) => list.length > 0);
    expect(queued.map((job) => job.name)).toEqual(['catalog.upsert-albums']);
    expect((queued[0].data as { albums: { id: string }[] }).albums.map((a) => a.id)).toEqual(albumIds);

    await request(app).get('/api/v1/search?query=taylor+swift&limit=5').expect(200, /"cached":true/);
    expect(await defaultQueue.count()).toBe(1);
  });

  it('rates three albums found by search: each unknown album is looked up once through the spotify queue, then stored', async () => {
    const [first, second, third] = albumIds;
    const plan: [string, string, number][] = [
      ['alice', first, 9],
      ['bob', first, 10],
      ['carol', first, 8],
      ['alice', second, 7],
      ['bob', second, 6],
      ['alice', third, 3],
    ];
    for (const [user, albumId, score] of plan) {
      const res = await rate(user, albumId, score).expect(200);
      expect(res.body).toMatchObject({ albumId, score });
    }
    expect(albumLookups()).toBe(3);
    const lookups = completedCalls.filter((job) => job.data.method === 'getAlbum');
    expect(lookups.map((job) => (job.data.args as { id: string }).id).sort()).toEqual([first, second, third].sort());
    expect((await db.store.getAlbum(first))?.album.name).toBeTruthy();
  });

  it('enqueues one deduplicated leaderboard.recompute per window for the whole burst', async () => {
    for (const window of ['all', 'week'] as const) {
      const jobId = await leaderboardQueue.getDeduplicationJobId(leaderboardRecomputeDeduplicationId(window));
      expect(jobId).toBeTruthy();
      const job = await leaderboardQueue.getJob(jobId as string);
      expect(job?.name).toBe('leaderboard.recompute');
      expect(job?.data).toMatchObject({ window });
    }
    const pending = await leaderboardQueue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(pending.map((job) => (job.data as { window: string }).window).sort()).toEqual(['all', 'week']);
  });

  it('shows the albums on GET /api/v1/leaderboard?window=all once the board is recomputed', async () => {
    const before = await request(app).get('/api/v1/leaderboard?window=all').expect(200);
    expect(before.body).toMatchObject({ boardVersion: 0, computedAt: null, items: [], total: 0, nextOffset: null });

    await db.store.recomputeLeaderboard('all'); // what worker-leaderboard's recompute job does
    const res = await request(app).get('/api/v1/leaderboard?window=all').expect(200);
    expect(leaderboardResponseSchema.parse(res.body)).toEqual(res.body);
    expect(res.body).toMatchObject({ window: 'all', boardVersion: 1, total: 3, limit: 20, offset: 0, nextOffset: null });
    expect(typeof res.body.computedAt).toBe('string');
    const entries = res.body.items as { rank: number; album: { id: string; name: string }; score: number; ratingCount: number; computedAt: string }[];
    expect(entries.map((e) => [e.rank, e.album.id, e.ratingCount])).toEqual([
      [1, albumIds[0], 3],
      [2, albumIds[1], 2],
      [3, albumIds[2], 1],
    ]);
    // Bayesian average with prior mean 6 and weight 5: (30 + sum) / (5 + n).
    expect(entries.map((e) => e.score)).toEqual([7.125, 6.1429, 5.5]);
    expect(entries.every((e) => e.computedAt === res.body.computedAt && e.album.name.length > 0)).toBe(true);

    const page2 = await request(app).get('/api/v1/leaderboard?window=all&limit=1&offset=1').expect(200);
    expect(page2.body.items.map((e: { rank: number }) => e.rank)).toEqual([2]);
    expect(page2.body).toMatchObject({ total: 3, limit: 1, offset: 1, nextOffset: 2 });
    const week = await request(app).get('/api/v1/leaderboard?window=week').expect(200);
    expect(week.body).toMatchObject({ window: 'week', boardVersion: 0, items: [] });
  });

  it('lists my ratings, most recently changed first; re-sending a score changes nothing; a new score moves updatedAt', async () => {
    const mine = await request(app).get('/api/v1/me/ratings').set('Authorization', tokens.alice).expect(200);
    expect(mine.body.items.map((r: { albumId: string; score: number }) => [r.albumId, r.score])).toEqual([
      [albumIds[2], 3],
      [albumIds[1], 7],
      [albumIds[0], 9],
    ]);
    expect(mine.body.items[0].album.id).toBe(albumIds[2]);
    expect(mine.body).toMatchObject({ total: 3, limit: 20, offset: 0, nextOffset: null });
    const first = await request(app).get('/api/v1/me/ratings?limit=1').set('Authorization', tokens.alice).expect(200);
    expect(first.body).toMatchObject({ total: 3, limit: 1, offset: 0, nextOffset: 1 });
    const paged = await request(app).get('/api/v1/me/ratings?limit=1&offset=2').set('Authorization', tokens.alice).expect(200);
    expect(paged.body).toMatchObject({ total: 3, limit: 1, offset: 2, nextOffset: null, items: [{ albumId: albumIds[0] }] });

    const again = await rate('alice', albumIds[0], 9).expect(200);
    expect(again.body.updatedAt).toBe(mine.body.items[2].updatedAt);
    const changed = await rate('alice', albumIds[0], 4).expect(200);
    expect(Date.parse(changed.body.updatedAt)).toBeGreaterThan(Date.parse(again.body.updatedAt));
    expect(changed.body.createdAt).toBe(again.body.createdAt);
  });

  it('GET /api/v1/albums/:id answers the summary, and fetches and stores an album the catalogue lacks (once)', async () => {
    const known = await request(app).get(`/api/v1/albums/${albumIds[0]}`).expect(200);
    expect(albumResponseSchema.parse(known.body)).toEqual(known.body);
    expect(known.body.summary).toEqual({ ratingCount: 3, average: 7.3333, score: 6.5 }); // 4, 10, 8: (30 + 22) / 8

    const lookupsBefore = albumLookups();
    const fresh = await request(app).get(`/api/v1/albums/${albumIds[3]}`).expect(200);
    expect(fresh.body).toMatchObject({ album: { id: albumIds[3] }, summary: { ratingCount: 0, average: null, score: null } });
    expect(albumLookups()).toBe(lookupsBefore + 1);
    await request(app).get(`/api/v1/albums/${albumIds[3]}`).expect(200);
    expect(albumLookups()).toBe(lookupsBefore + 1);
  });

  it('deletes my rating (204), then 404 when I have none left', async () => {
    await request(app).delete(`/api/v1/albums/${albumIds[0]}/rating`).set('Authorization', tokens.carol).expect(204);
    const none = await request(app).delete(`/api/v1/albums/${albumIds[0]}/rating`).set('Authorization', tokens.carol).expect(404);
    expect(none.body.error.code).toBe('not_found');
    expect((await db.store.getAlbum(albumIds[0]))?.summary.ratingCount).toBe(2);
  });

  it('answers 404 album_not_found for an id Spotify does not know, checked through the spotify queue', async () => {
    const notFoundBefore = albumLookups(404);
    const res = await rate('alice', NOT_ON_SPOTIFY, 5).expect(404);
    expect(res.body).toEqual({ error: { code: 'album_not_found', message: expect.any(String) } });
    expect(albumLookups(404)).toBe(notFoundBefore + 1);
    const lookups = completedCalls.filter(
      (job) => job.data.method === 'getAlbum' && (job.data.args as { id: string }).id === NOT_ON_SPOTIFY,
    );
    expect(lookups).toHaveLength(1);
    expect(lookups[0].returnvalue).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const album = await request(app).get(`/api/v1/albums/${NOT_ON_SPOTIFY}`).expect(404);
    expect(album.body.error.code).toBe('album_not_found');
    expect(await db.store.getAlbum(NOT_ON_SPOTIFY)).toBeNull();
    expect((await db.store.listUserRatings((await mintDevToken('alice')).userId)).items.map((r) => r.albumId)).not.toContain(NOT_ON_SPOTIFY);
  });
});
