import { EventEmitter } from 'node:events';
import { silentLogger } from '@albumboard/observability';
import type { Worker } from 'bullmq';
import { mayHaveLostScheduler, SchedulerKeeper } from '../src';
import { captureLogger, waitUntil } from '@albumboard/test-support';

class FakeWorker extends EventEmitter {}

describe('SchedulerKeeper', () => {
  const keepers: SchedulerKeeper[] = [];
  afterEach(() => keepers.splice(0).forEach((keeper) => keeper.stop()));
  const keeper = (worker: FakeWorker, register: () => Promise<void>, logger = silentLogger()) => {
    const made = new SchedulerKeeper({ worker: worker as unknown as Worker, register, what: 'test schedulers', logger, retryMs: 20, refreshMs: 60_000 });
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
});
