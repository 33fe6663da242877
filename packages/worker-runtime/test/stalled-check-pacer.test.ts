import { EventEmitter } from 'node:events';
import { silentLogger } from '@albumboard/observability';
import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createQueueWorker, IDLE_STALLED_INTERVAL_MS, StalledCheckPacer } from '../src';
import { deletePrefix, uniquePrefix, waitUntil, workerConnection } from '@albumboard/test-support';

/** A stand-in Worker: the events the pacer listens to, and BullMQ's check, counted. */
class FakeWorker extends EventEmitter {
  readonly name = 'default';
  checks = 0;
  async moveStalledJobsToWait(): Promise<void> {
    this.checks += 1;
  }
}

describe('StalledCheckPacer: the busy pace while checks matter, the idle pace otherwise', () => {
  const busy = { busyIntervalMs: 2_000, lockDurationMs: 5_000, logger: silentLogger() };
  let now = 0;
  const pacerOn = (worker: FakeWorker) => new StalledCheckPacer(worker as unknown as Worker, { ...busy, now: () => now });

  it('is busy from start-up until the lock and two checks have passed, then idle at BullMQ\'s default 30 s', () => {
    now = 1_000_000;
    const pacer = pacerOn(new FakeWorker());
    expect(pacer.intervalMs()).toBe(2_000);
    now += 5_000 + 2 * 2_000 - 1;
    expect(pacer.intervalMs()).toBe(2_000);
    now += 1;
    expect(pacer.intervalMs()).toBe(IDLE_STALLED_INTERVAL_MS);
    expect(IDLE_STALLED_INTERVAL_MS).toBe(30_000);
  });

  it('is busy while the worker has a job, and until the lock and two checks after its last one ended', () => {
    now = 2_000_000;
    const worker = new FakeWorker();
    const pacer = pacerOn(worker);
    now += 60_000;
    expect(pacer.busy()).toBe(false);
    worker.emit('active', {});
    worker.emit('active', {});
    now += 120_000; // long jobs
    expect(pacer.busy()).toBe(true);
    worker.emit('completed', {});
    expect(pacer.busy()).toBe(true); // one still active
    worker.emit('failed', {}, new Error('boom'));
    now += 8_999;
    expect(pacer.busy()).toBe(true);
    now += 1;
    expect(pacer.busy()).toBe(false);
    worker.emit('failed', undefined, new Error('not a job of this worker'));
    expect(pacer.busy()).toBe(false);
  });

  it('checks at once when an idle worker takes a job, then at the busy pace; stops when the worker closes', async () => {
    now = Date.now();
    const worker = new FakeWorker();
    const pacer = new StalledCheckPacer(worker as unknown as Worker, { busyIntervalMs: 20, lockDurationMs: 30, idleIntervalMs: 60_000, logger: silentLogger() });
    pacer.start();
    await waitUntil('the start-up checks and the idle pace', async () => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return !pacer.busy();
    });
    const idleChecks = worker.checks;
    expect(idleChecks).toBeGreaterThanOrEqual(2); // at start, then at the busy pace for 30 + 2 × 20 ms
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(worker.checks).toBe(idleChecks); // idle: the next one is a minute away
    worker.emit('active', {});
    await waitUntil('a check as the job starts', () => worker.checks === idleChecks + 1, 1_000, 5);
    await waitUntil('checks at the busy pace', () => worker.checks >= idleChecks + 4, 2_000, 5);
    worker.emit('closing');
    const closedAt = worker.checks;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(worker.checks).toBeLessThanOrEqual(closedAt + 1);
  });
});

describe('createQueueWorker paces the stalled check (real Redis)', () => {
  let connection: Redis;
  let prefix: string;
  let queue: Queue;

  beforeEach(() => {
    connection = workerConnection();
    prefix = uniquePrefix('pace');
    queue = new Queue('leaderboard', { connection, prefix });
  });

  afterEach(async () => {
    await queue.close();
    await deletePrefix(connection, prefix);
    await connection.quit();
  });

  it('a new worker moves a dead process\'s job back and runs it (its start-up checks), within lock + two checks', async () => {
    // A job a dead process took: in `active`, its lock already lapsed.
    const job = await queue.add('leaderboard.recompute', { window: 'all' });
    await connection.lmove(`${prefix}:leaderboard:wait`, `${prefix}:leaderboard:active`, 'RIGHT', 'LEFT');
    const ran: string[] = [];
    const worker = createQueueWorker({
      queue: 'leaderboard',
      connection,
      prefix,
      workerId: 'rescuer@host:1',
      logger: silentLogger(),
      handlers: {
        'leaderboard.recompute': async (_payload, current) => {
          ran.push(current.id!);
          return { window: 'all', entries: 0, computedAt: new Date().toISOString() };
        },
      },
      options: { lockDuration: 1_000, stalledInterval: 300 },
    });
    try {
      await waitUntil('the orphan to run again', () => ran.includes(job.id!), 10_000);
      expect(worker.opts.skipStalledCheck).toBe(true); // BullMQ's own checker is off: the pacer runs it
    } finally {
      await worker.close();
    }
  });
});
