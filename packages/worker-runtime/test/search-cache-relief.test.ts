import { startRedis, tempDir, type RedisProcess } from '@albumboard/redis-connection/test-support';
import { SearchCacheStore, searchCacheKeys } from '@albumboard/search-cache';
import { captureLogger, waitForFinished } from '@albumboard/test-support';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createQueueWorker, searchCacheRelief } from '../src';

const MAXMEMORY = 3 * 1024 * 1024;
const PREFIX = 'relief';

/** A full `noeviction` Redis of the test's own, most of it held by the search cache. */
describe('a worker meeting a full Redis: the search cache gives its space back and the work goes on', () => {
  const dir = tempDir('relief');
  let server: RedisProcess;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedis(dir.path, ['--maxmemory', String(MAXMEMORY), '--maxmemory-policy', 'noeviction']);
    redis = new Redis(`redis://127.0.0.1:${server.port}`, { maxRetriesPerRequest: null });
  });

  afterAll(async () => {
    await redis.quit();
    await server.stop();
    dir.cleanup();
  });

  const used = async () => Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))![1]);
  const cachedBytes = async () => Number((await redis.get(searchCacheKeys(PREFIX).bytes)) ?? 0);

  /** Cache entries up to 70 % of maxmemory, then plain keys until Redis refuses a write. */
  async function fill(logger = captureLogger('fill').logger): Promise<void> {
    const store = new SearchCacheStore({ redis, prefix: PREFIX, budget: { kind: 'bounded', maxBytes: 100 * 1024 * 1024, why: 'test' }, logger });
    for (let i = 0; (await used()) < 0.7 * MAXMEMORY; i += 1) {
      expect(await store.write(`query ${i}`, { fetchedAtMs: Date.now(), json: JSON.stringify({ albums: randomBytes(600).toString('base64') }) }, 3600)).toBe(true);
    }
    for (let i = 0; ; i += 1) {
      const refused = await redis.set(`filler:${i}`, randomBytes(4096).toString('hex')).then(() => null, (error: Error) => error);
      if (refused) {
        expect(refused.message).toMatch(/^OOM command not allowed/);
        return;
      }
    }
  }

  it('takes and finishes a job waiting in a full Redis: BullMQ\'s refused writes shed the cache, the job completes, none fails', async () => {
    const queue = new Queue('leaderboard', { connection: redis, prefix: PREFIX });
    const job = await queue.add('leaderboard.recompute', { window: 'all' });
    await fill();
    const heldBefore = await cachedBytes();
    const logs = captureLogger('worker', 'warn');
    const failed: string[] = [];
    const worker = createQueueWorker({
      queue: 'leaderboard',
      connection: redis,
      prefix: PREFIX,
      workerId: 'relief@host:1',
      logger: logs.logger,
      handlers: { 'leaderboard.recompute': async ({ window }) => ({ window, entries: 0, computedAt: new Date().toISOString() }) },
    });
    worker.on('failed', (failedJob) => failed.push(String(failedJob?.id)));
    try {
      expect(await waitForFinished(queue, job.id!, 20_000)).toMatchObject({ state: 'completed', returnvalue: { window: 'all', entries: 0 } });
      expect(failed).toEqual([]);
      expect(await cachedBytes()).toBeLessThan(heldBefore);
      expect(logs.lines.some((line) => String(line.msg).startsWith('Redis is out of memory: the search cache gave back'))).toBe(true);
    } finally {
      await worker.close();
      await queue.close();
    }
  });

  it('sheds once for the refusals that come together, again after a second', async () => {
    await fill();
    let now = 1_000_000;
    const relieve = searchCacheRelief(redis, PREFIX, captureLogger('relief').logger, () => now);
    const before = await cachedBytes();
    const [a, b] = await Promise.all([relieve(), relieve()]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(a);
    const afterOne = await cachedBytes();
    expect(afterOne).toBeLessThanOrEqual(before - a);
    now += 1_000;
    expect(await relieve()).toBeGreaterThan(0);
    expect(await cachedBytes()).toBeLessThan(afterOne);
  });
});
