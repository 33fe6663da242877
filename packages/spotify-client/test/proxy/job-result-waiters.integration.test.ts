import { QueueName } from '@albumboard/queue-contracts';
import { Queue } from 'bullmq';
import { SpotifyWorkerTimeoutError } from '../../src';
import { JobResultWaiters } from '../../src/proxy/job-result-waiters';
import { usePrefixedRedis } from '@albumboard/test-support';
import { producerConnection, ready } from '../support/redis';
import { startTestWorker } from '../support/spotify-worker';

const db = usePrefixedRedis('waiters', () => ready(producerConnection()));
let queue: Queue;
let waiters: JobResultWaiters;

beforeEach(() => {
  queue = new Queue(QueueName.Spotify, { connection: db.redis, prefix: db.prefix });
  waiters = new JobResultWaiters({ queue, connection: db.redis, prefix: db.prefix });
});
afterEach(async () => {
  await waiters.close();
  await queue.close();
});

async function finished(jobId: string): Promise<void> {
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function waitForEmpty(): Promise<void> {
  while ((await queue.count()) > 0 || (await queue.getActiveCount()) > 0) await new Promise((r) => setTimeout(r, 10));
}

describe('JobResultWaiters', () => {
  it('resolves a waiter whose job finished before anyone listened (state check)', async () => {
    const worker = await startTestWorker(db.prefix, async (job) => (job.data.n === 1 ? { ok: true, value: 'one' } : Promise.reject(new Error('boom'))));
    try {
      const ok = await queue.add('spotify.call', { n: 1 });
      const bad = await queue.add('spotify.call', { n: 2 });
      await finished(ok.id!);
      await finished(bad.id!);
      const deadline = Date.now() + 10_000;
      await expect(waiters.wait(ok.id!, deadline)).resolves.toEqual({ kind: 'completed', returnvalue: { ok: true, value: 'one' } });
      await expect(waiters.wait(bad.id!, deadline)).resolves.toEqual({ kind: 'failed', failedReason: 'boom' });
      expect(waiters.pendingJobs).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('resolves a waiter whose job finished and was removed before anyone listened, from its completed event', async () => {
    const worker = await startTestWorker(db.prefix, async (job) => (job.data.n === 1 ? { ok: true, value: 'one' } : Promise.reject(new Error('boom'))));
    try {
      // As spotify.call is added: removed as it completes, so its result is only in the events stream.
      const ok = await queue.add('spotify.call', { n: 1 }, { removeOnComplete: true });
      const bad = await queue.add('spotify.call', { n: 2 }, { removeOnFail: true });
      for (const id of [ok.id!, bad.id!]) while ((await queue.getJobState(id)) !== 'unknown') await new Promise((r) => setTimeout(r, 10));
      // More entries than one page of the search after them, so the search pages back through the stream.
      for (let i = 0; i < 150; i += 1) await queue.add('spotify.ping', { i }, { removeOnComplete: true });
      await waitForEmpty();
      const deadline = Date.now() + 10_000;
      await expect(waiters.wait(ok.id!, deadline)).resolves.toEqual({ kind: 'completed', returnvalue: { ok: true, value: 'one' }, finishedAt: expect.any(Number) });
      await expect(waiters.wait(bad.id!, deadline)).resolves.toEqual({ kind: 'failed', failedReason: 'boom', finishedAt: expect.any(Number) });
      expect(waiters.pendingJobs).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('leaves a waiter waiting when its job is gone and the stream no longer tells its end', async () => {
    await db.redis.del(queue.keys.events);
    await expect(waiters.wait('gone-job', Date.now() + 300)).rejects.toBeInstanceOf(SpotifyWorkerTimeoutError);
    expect(waiters.pendingJobs).toBe(0);
  });

  it('shares one listener between waiters of the same job and settles them together', async () => {
    await waiters.ready();
    const job = await queue.add('spotify.call', { n: 1 });
    const deadline = Date.now() + 10_000;
    // The second waiter skips the state check (a job added after ready(): the listener cannot miss its end).
    const all = Promise.all([waiters.wait(job.id!, deadline), waiters.wait(job.id!, deadline, false)]);
    expect(waiters.pendingJobs).toBe(1);
    const started = Date.now();
    const worker = await startTestWorker(db.prefix, async () => ({ ok: true, value: 7 }));
    try {
      const [a, b] = await all;
      // finishedAt: when the worker wrote the completion event (its stream id), for the api's result_delivery stage.
      expect(a).toEqual({ kind: 'completed', returnvalue: { ok: true, value: 7 }, finishedAt: expect.any(Number) });
      expect(a.finishedAt).toBeGreaterThanOrEqual(started - 1000);
      expect(a.finishedAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(b).toEqual(a);
    } finally {
      await worker.close();
    }
  });

  it('times out with SpotifyWorkerTimeoutError and forgets the waiter', async () => {
    await waiters.ready();
    const job = await queue.add('spotify.call', { n: 1 });
    await expect(waiters.wait(job.id!, Date.now() + 100)).rejects.toBeInstanceOf(SpotifyWorkerTimeoutError);
    expect(waiters.pendingJobs).toBe(0);
  });
});
