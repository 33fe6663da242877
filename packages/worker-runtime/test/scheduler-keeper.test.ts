import { EventEmitter } from 'node:events';
import { silentLogger } from '@albumboard/observability';
import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { mayHaveLostScheduler, SchedulerKeeper, schedulersPending } from '../src';
import { captureLogger, deletePrefix, uniquePrefix, waitUntil, workerConnection } from '@albumboard/test-support';

class FakeWorker extends EventEmitter {}

describe('SchedulerKeeper', () => {
  const keepers: SchedulerKeeper[] = [];
  afterEach(() => keepers.splice(0).forEach((keeper) => keeper.stop()));
  const keeper = (worker: FakeWorker, register: () => Promise<void>, logger = silentLogger(), pending = async () => true, checkMs = 60_000) => {
    const made = new SchedulerKeeper({ worker: worker as unknown as Worker, register, pending, what: 'test schedulers', logger, retryMs: 20, checkMs });
    keepers.push(made);
    return made;
  };

  it('tells the errors that may have cost a scheduler its next job', () => {
    expect(mayHaveLostScheduler(new Error('Failed to add repeatable job for next iteration: OOM command not allowed when used memory > \'maxmemory\'.'))).toBe(true);
    expect(mayHaveLostScheduler(new Error("OOM command not allowed when used memory > 'maxmemory'."))).toBe(true);
    expect(mayHaveLostScheduler(new Error('Connection is closed.'))).toBe(false);
  });

  it('retries a registration Redis refuses at start-up until it succeeds, logging why', async () => {
    const logs = captureLogger('keeper', 'warn');
    let calls = 0;
    const started = await keeper(new FakeWorker(), async () => {
      calls += 1;
      if (calls < 3) throw new Error("OOM command not allowed when used memory > 'maxmemory'.");
    }, logs.logger).start();
    expect(started).toBe(false);
    await waitUntil('the third attempt', () => calls === 3, 2_000, 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(3); // registered: no more attempts until the refresh
    expect(logs.lines.filter((line) => line.msg === 'could not register the test schedulers; retrying in 20 ms')).toHaveLength(2);
  });

  it('registers again as soon as it can after the worker reports a lost next iteration, not after other errors', async () => {
    const worker = new FakeWorker();
    let calls = 0;
    let full = false;
    expect(await keeper(worker, async () => {
      calls += 1;
      if (full) throw new Error("OOM command not allowed when used memory > 'maxmemory'.");
    }).start()).toBe(true);
    worker.emit('error', new Error('Connection is closed.'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(1);
    full = true;
    worker.emit('error', new Error("Failed to add repeatable job for next iteration: OOM command not allowed when used memory > 'maxmemory'."));
    await waitUntil('attempts while Redis is full', () => calls >= 3, 2_000, 5);
    full = false;
    const beforeRoom = calls;
    await waitUntil('the attempt once Redis has room', () => calls === beforeRoom + 1, 2_000, 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(beforeRoom + 1);
  });

  it('checks now and then that each scheduler still has its next job, and registers them only when one lost it', async () => {
    let registered = 0;
    let lost = false;
    const logs = captureLogger('keeper-check', 'warn');
    expect(await keeper(new FakeWorker(), async () => {
      registered += 1;
      lost = false;
    }, logs.logger, async () => !lost, 20).start()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(registered).toBe(1); // the checks found every next job: no upsert (which would run each job once more now)
    lost = true;
    await waitUntil('the registration after the loss', () => registered === 2, 2_000, 5);
    expect(logs.lines.some((line) => line.msg === 'a job scheduler lost its next job: registering the test schedulers again')).toBe(true);
  });
});

describe('schedulersPending (real Redis)', () => {
  let connection: Redis;
  let prefix: string;
  let queue: Queue;

  beforeEach(() => {
    connection = workerConnection();
    prefix = uniquePrefix('sched');
    queue = new Queue('leaderboard', { connection, prefix });
  });

  afterEach(async () => {
    await queue.close();
    await deletePrefix(connection, prefix);
    await connection.quit();
  });

  it('is true while each scheduler has its next job to run, false once that job ran or the scheduler is gone', async () => {
    await queue.upsertJobScheduler('test:a', { every: 60_000 }, { name: 'leaderboard.recompute', data: { window: 'all' } });
    await queue.upsertJobScheduler('test:b', { every: 60_000 }, { name: 'leaderboard.recompute', data: { window: 'week' } });
    expect(await schedulersPending(queue, ['test:a', 'test:b'])).toBe(true);
    // Its next job ran (a worker took it) and no next one was added: what a refused write leaves behind.
    const next = (await queue.getJobScheduler('test:a'))!.next!;
    const id = `repeat:test:a:${next}`;
    await connection.multi().lrem(`${prefix}:leaderboard:wait`, 0, id).zrem(`${prefix}:leaderboard:delayed`, id).zadd(`${prefix}:leaderboard:completed`, Date.now(), id).exec();
    expect(await queue.getJobState(id)).toBe('completed');
    expect(await schedulersPending(queue, ['test:a', 'test:b'])).toBe(false);
    await queue.upsertJobScheduler('test:a', { every: 60_000 }, { name: 'leaderboard.recompute', data: { window: 'all' } });
    expect(await schedulersPending(queue, ['test:a', 'test:b'])).toBe(true);
    await queue.removeJobScheduler('test:b');
    expect(await schedulersPending(queue, ['test:a', 'test:b'])).toBe(false);
  });
});
