import { randomBytes } from 'node:crypto';
import { leaderboardWindowSchema, QueueName } from '@albumboard/queue-contracts';
import { isOutOfMemoryError } from '@albumboard/redis-connection';
import { startRedis, tempDir } from '@albumboard/redis-connection/test-support';
import { searchCacheKeys, SearchCacheStore } from '@albumboard/search-cache';
import { useStarted } from '@albumboard/test-support';
import { Queue } from 'bullmq';
import request from 'supertest';
import { createApp } from '../src/app';
import { createBackgroundJobs } from '../src/services/background-jobs';
import { buildSpotifyCaller } from '../src/spotify-caller';
import { logger } from './support/test-env';
import { startWorkerPath } from './support/worker-path';

/**
 * The api, worker-spotify and the emulator on a Redis of the test's own with `--maxmemory 6mb` and `noeviction`, filled
 * until it refuses writes, half by cached answers: a new search and a rating's recompute request still go through,
 * because the producers give back the cache's space and retry once.
 */
describe('a full noeviction Redis: the search cache gives way to the queues', () => {
  // One start and one close for both: the path closes while its Redis still runs.
  const path = useStarted(async () => {
    const dir = tempDir('api-oom');
    const server = await startRedis(dir.path, ['--maxmemory', '6mb', '--maxmemory-policy', 'noeviction']);
    const started = await startWorkerPath({ REDIS_URL: `redis://127.0.0.1:${server.port}`, SEARCH_CACHE_TTL_S: '600' });
    const closePath = started.close.bind(started);
    return Object.assign(started, {
      close: async () => {
        await closePath();
        await server.stop();
        dir.cleanup();
      },
    });
  });

  /** The cache, with a budget larger than the server: only OOM stops it. */
  const cacheStore = () =>
    new SearchCacheStore({ redis: path.redis, prefix: path.config.QUEUE_PREFIX, budget: { kind: 'bounded', maxBytes: 64 << 20, why: 'test' }, logger });

  /** Cached answers until one is refused (the cache then gives back half), then something else until Redis is full. */
  async function fillRedis(store: SearchCacheStore): Promise<void> {
    for (let i = 0; await store.write(`filler ${i} ${Date.now()}`, { fetchedAtMs: Date.now(), json: `{"noise":"${randomBytes(900).toString('base64')}"}` }, 600); i += 1);
    const chunk = 'x'.repeat(16_384);
    for (;;) {
      const refused = await path.redis.append(`${path.config.QUEUE_PREFIX}:filler`, chunk).then(
        () => null,
        (error: unknown) => error,
      );
      if (refused) return expect(isOutOfMemoryError(refused)).toBe(true);
    }
  }

  // Room again for the next test and for closing the path (a worker closing on a full Redis waits for it).
  afterEach(async () => {
    await path.redis.del(`${path.config.QUEUE_PREFIX}:filler`);
    await cacheStore().shed(Infinity);
  });

  const cachedBytes = async () => Number(await path.redis.get(searchCacheKeys(path.config.QUEUE_PREFIX).bytes));

  it('without the cache giving way, a new search fails; with it, the search and its background job go through', async () => {
    const store = cacheStore();
    await fillRedis(store);
    const bare = buildSpotifyCaller(path.config, path.redis, logger); // no relief: the add meets OOM
    const withoutRelief = createApp({ config: path.config, redis: path.redis, spotify: bare, logger, searchCache: store });
    await request(withoutRelief).get('/api/v1/search?query=Adele').expect(503);
    await bare.close();

    const before = await cachedBytes();
    const spotify = buildSpotifyCaller(path.config, path.redis, logger, () => store.shed());
    const app = createApp({ config: path.config, redis: path.redis, spotify, logger, searchCache: store });
    try {
      const answer = await request(app).get('/api/v1/search?query=Adele').expect(200);
      expect(answer.body).toMatchObject({ artist: { name: 'Adele' }, cached: false });
      expect(await cachedBytes()).toBeLessThan(before);
      // The albums went to worker-default as a catalog.upsert-albums job (its producer retried after the shed too).
      const defaultQueue = new Queue(QueueName.Default, { connection: path.redis, prefix: path.config.QUEUE_PREFIX });
      try {
        for (let i = 0; i < 100 && (await defaultQueue.count()) === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await defaultQueue.getJobCounts('waiting')).toEqual({ waiting: 1 });
      } finally {
        await defaultQueue.close();
      }
    } finally {
      await spotify.close();
    }
  });

  it("a background add meeting OOM (a rating's leaderboard.recompute) sheds the cache and is retried once", async () => {
    const store = cacheStore();
    await fillRedis(store);
    const bare = createBackgroundJobs(path.redis, path.config.QUEUE_PREFIX, logger);
    const relieved = createBackgroundJobs(path.redis, path.config.QUEUE_PREFIX, logger, () => store.shed());
    const leaderboard = new Queue(QueueName.Leaderboard, { connection: path.redis, prefix: path.config.QUEUE_PREFIX });
    try {
      await bare.leaderboard.requestRecompute('no-relief');
      expect(await leaderboard.count()).toBe(0);
      const before = await cachedBytes();
      await relieved.leaderboard.requestRecompute('relief');
      expect(await leaderboard.getJobCounts('delayed')).toEqual({ delayed: leaderboardWindowSchema.options.length }); // one per window
      expect(await cachedBytes()).toBeLessThan(before);
    } finally {
      await leaderboard.close();
      await bare.close();
      await relieved.close();
    }
  });
});
