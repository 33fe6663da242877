import { randomUUID } from 'node:crypto';
import { silentLogger } from '@albumboard/observability';
import { leaderboardRecomputeDeduplicationId, QueueName } from '@albumboard/queue-contracts';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { LeaderboardProducer } from '../../src/services/leaderboard-producer';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('LeaderboardProducer (real Redis)', () => {
  const prefix = `test-api-lb-${randomUUID().slice(0, 8)}`;
  let producerRedis: Redis;
  let workerRedis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    producerRedis = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    await producerRedis.connect();
    workerRedis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QueueName.Leaderboard, { connection: workerRedis, prefix });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await producerRedis.quit();
    await workerRedis.quit();
  });

  it('turns a burst into one recompute per window, and keeps a request made while the recompute runs', async () => {
    const producer = new LeaderboardProducer({ connection: producerRedis, prefix, logger: silentLogger(), delayMs: 50 });
    for (let i = 0; i < 5; i += 1) await producer.requestRecompute(`burst-${i}`);
    const pending = await queue.getJobs(['delayed', 'waiting']);
    expect(pending.map((job) => (job.data as { window: string }).window).sort()).toEqual(['all', 'week']);
    expect(await queue.getDeduplicationJobId(leaderboardRecomputeDeduplicationId('all'))).toBe(
      pending.find((job) => (job.data as { window: string }).window === 'all')?.id,
    );

    // A worker whose first `all` recompute blocks until released: a rating arriving meanwhile must not be lost.
    const runs: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(
      QueueName.Leaderboard,
      async (job) => {
        const { window } = job.data as { window: string };
        runs.push(window);
        if (window === 'all' && runs.filter((w) => w === 'all').length === 1) await gate;
        return { window, entries: 0, computedAt: new Date().toISOString() };
      },
      { connection: workerConnection, prefix, concurrency: 2 },
    );
    try {
      await until(() => runs.includes('all'), 'the first recompute of all to start');
      await producer.requestRecompute('while-running');
      release();
      await until(() => runs.filter((w) => w === 'all').length === 2, 'a second recompute of all');
      await until(async () => (await queue.getJobCounts('completed')).completed >= 3, 'the recomputes to complete');
    } finally {
      release();
      await worker.close();
      await workerConnection.quit();
      await producer.close();
    }
  });

  it('lets concurrent requests share enqueues: one running and one waiting per window, each request covered by an enqueue begun after it', async () => {
    const producer = new LeaderboardProducer({ connection: producerRedis, prefix, logger: silentLogger(), delayMs: 60_000 });
    const began: number[] = [];
    const add = jest.spyOn(Queue.prototype, 'add').mockImplementation(async function (this: Queue) {
      began.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 200)); // a slow enqueue: the requests pile up behind it
      return undefined as never;
    });
    try {
      const calls = Array.from({ length: 50 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i % 10)); // spread over the first enqueue
        const asked = performance.now();
        await producer.requestRecompute(`concurrent-${i}`);
        return asked;
      });
      const asked = await Promise.all(calls);
      expect(add.mock.calls.length).toBeLessThanOrEqual(2 * 3); // 50 requests × 2 windows without sharing: 100
      expect(add.mock.calls.length).toBeGreaterThanOrEqual(2);
      for (const at of asked) expect(began.some((start) => start >= at)).toBe(true);
    } finally {
      add.mockRestore();
      await producer.close();
    }
  });

  it('never throws when Redis is unreachable (the rating is already stored)', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, disconnectTimeout: 50 });
    dead.on('error', () => undefined);
    const producer = new LeaderboardProducer({ connection: dead, prefix, logger: silentLogger(), timeoutMs: 500 });
    try {
      await expect(producer.requestRecompute('down')).resolves.toBeUndefined();
    } finally {
      await producer.close();
      dead.disconnect();
    }
  });
});
