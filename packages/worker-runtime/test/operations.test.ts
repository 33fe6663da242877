import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { histogramFromHash, opsKeys } from '@albumboard/observability';
import { Queue } from 'bullmq';
import { createQueueWorker, queueWaitSeconds } from '../src';
import { captureLogger, REDIS_URL, usePrefixedRedis, waitForFinished, workerConnection } from '@albumboard/test-support';

const album = { id: 'a', name: 'A', artists: [], releaseDate: null, releaseDatePrecision: null, totalTracks: null, imageUrl: null, spotifyUrl: null, albumType: null };

const handlers = {
  'catalog.upsert-albums': async () => ({ upserted: 0 }),
  'catalog.refresh-album': async () => ({ refreshed: false }),
  'catalog.refresh-stale': async () => ({ stale: 0 }),
};

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('queueWaitSeconds', () => {
  it('measures from when the job became runnable (its delay over) to when a worker took it', () => {
    expect(queueWaitSeconds({ timestamp: 1_000, delay: 0, processedOn: 1_250 })).toBeCloseTo(0.25);
    expect(queueWaitSeconds({ timestamp: 1_000, delay: 5_000, processedOn: 6_500 })).toBeCloseTo(0.5);
    expect(queueWaitSeconds({ timestamp: 1_000, delay: 0, processedOn: 900 })).toBe(0);
  });

  it('does not count the time before the worker started (the stack was down) as queue wait', () => {
    // Came due at 6 000 while no worker ran; the worker started at 200 000 and took it at 200 040.
    expect(queueWaitSeconds({ timestamp: 1_000, delay: 5_000, processedOn: 200_040 }, 200_000)).toBeCloseTo(0.04);
    // Came due after the worker started: all of its wait counts.
    expect(queueWaitSeconds({ timestamp: 300_000, delay: 0, processedOn: 300_500 }, 200_000)).toBeCloseTo(0.5);
  });
});

describe('operations hooks of the worker runtime (real Redis)', () => {
  const db = usePrefixedRedis('ops');

  it('records every job it takes in the queue-wait histogram the api exports', async () => {
    const { logger } = captureLogger();
    const connection = workerConnection();
    const worker = createQueueWorker({ queue: 'default', connection, prefix: db.prefix, workerId: 'w@test:1', logger, handlers });
    const queue = new Queue('default', { connection, prefix: db.prefix });
    try {
      const jobs = await Promise.all([1, 2, 3].map(() => queue.add('default.ping', { sentAt: Date.now() })));
      for (const job of jobs) await waitForFinished(queue, job.id!);
      const key = opsKeys(db.prefix).queueWait('default');
      const deadline = Date.now() + 5_000;
      while (Number(await db.redis.hget(key, 'count')) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const snapshot = histogramFromHash(await db.redis.hgetall(key));
      expect(snapshot.count).toBe(3);
      expect(snapshot.buckets.at(-1)).toEqual([Infinity, 3]);
      expect(snapshot.sum).toBeGreaterThanOrEqual(0);
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
  });

  it('counts completed jobs, and failed ones only once no retry is left, in the hash the api exports', async () => {
    const { logger } = captureLogger();
    const connection = workerConnection();
    const failing = { ...handlers, 'catalog.refresh-stale': async () => Promise.reject(new Error('database down')) };
    const worker = createQueueWorker({ queue: 'default', connection, prefix: db.prefix, workerId: 'w@test:1', logger, handlers: failing });
    const queue = new Queue('default', { connection, prefix: db.prefix });
    try {
      const pings = await Promise.all([1, 2].map(() => queue.add('default.ping', { sentAt: Date.now() })));
      // Two attempts: the first failure is retried (not counted), the second is final (counted once).
      const retried = await queue.add('catalog.refresh-stale', { olderThanDays: 30, limit: 10 }, { attempts: 2 });
      // Not in the catalog: UnrecoverableError, final at once.
      const unknown = await queue.add('no.such-job', {});
      for (const job of pings) await waitForFinished(queue, job.id!);
      const key = opsKeys(db.prefix).queueJobs('default');
      const deadline = Date.now() + 10_000;
      const read = async () => db.redis.hgetall(key);
      while (Date.now() < deadline) {
        const states = await Promise.all([retried, unknown].map((job) => job.getState()));
        const counted = await read();
        if (states.every((state) => state === 'failed') && Number(counted.failed) === 2 && Number(counted.completed) === 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await queue.getJob(retried.id!))!.attemptsMade).toBe(2);
      expect(await read()).toEqual({ completed: '2', failed: '2' });
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
  });

  it('does not count a job that came due while no worker ran: a delayed job due 3 s before the worker starts', async () => {
    const { logger } = captureLogger();
    const connection = workerConnection();
    const queue = new Queue('default', { connection, prefix: db.prefix });
    const job = await queue.add('default.ping', { sentAt: Date.now() }, { delay: 200 });
    await new Promise((r) => setTimeout(r, 3_200)); // the stack is down: nobody takes it
    const created = Date.now();
    const worker = createQueueWorker({ queue: 'default', connection, prefix: db.prefix, workerId: 'w@test:late', logger, handlers });
    try {
      await waitForFinished(queue, job.id!);
      const finished = Date.now();
      const key = opsKeys(db.prefix).queueWait('default');
      const deadline = Date.now() + 5_000;
      while (Number(await db.redis.hget(key, 'count')) < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const snapshot = histogramFromHash(await db.redis.hgetall(key));
      expect(snapshot.count).toBe(1);
      // It was due 3 s before the worker existed: its wait counts from the worker's start, so it fits in the worker's life.
      expect(snapshot.sum).toBeLessThanOrEqual((finished - created) / 1000);
    } finally {
      await worker.close();
      await queue.close();
      await connection.quit();
    }
  });

  it('on SIGTERM, stops waiting for a job that outlasts the grace period, exits 0, and the job returns to the queue', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'fixtures', 'slow-worker.js')], {
      env: { ...process.env, REDIS_URL, QUEUE_PREFIX: db.prefix, SHUTDOWN_GRACE_MS: '300', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const producer = workerConnection();
    const queue = new Queue('default', { connection: producer, prefix: db.prefix });
    const { logger } = captureLogger();
    try {
      const job = await queue.add('catalog.upsert-albums', { albums: [album] });
      await waitFor(() => output.includes('job started'), 15_000, 'the job to start');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('Jobs still active after 300 ms');
      expect(await (await queue.getJob(job.id!))!.getState()).toBe('active');

      // Its lock lapses; a live worker's stalled check moves it back to waiting, then runs it.
      const rescuer = createQueueWorker({ queue: 'default', connection: producer, prefix: db.prefix, workerId: 'rescuer@test:2', logger, handlers, options: { stalledInterval: 500 } });
      try {
        const done = await waitForFinished(queue, job.id!, 20_000);
        expect(done.state).toBe('completed');
        expect((await queue.getJob(job.id!))?.processedBy).toBe('rescuer@test:2');
      } finally {
        await rescuer.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await queue.close();
      await producer.quit();
    }
  });
});
