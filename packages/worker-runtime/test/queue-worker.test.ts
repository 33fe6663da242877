import { silentLogger } from '@albumboard/observability';
import { Queue, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createQueueWorker, type JobHandlers } from '../src';
import { captureLogger, deletePrefix, uniquePrefix, waitForFinished, workerConnection } from '@albumboard/test-support';

describe('createQueueWorker (real Redis)', () => {
  let connection: Redis;
  let prefix: string;
  let queue: Queue;
  let worker: Worker | undefined;

  beforeEach(() => {
    connection = workerConnection();
    prefix = uniquePrefix('qw');
    queue = new Queue('leaderboard', { connection, prefix });
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await queue.close();
    await deletePrefix(connection, prefix);
    await connection.quit();
  });

  function start(handlers: JobHandlers<'leaderboard'>, logger = silentLogger()): Worker {
    worker = createQueueWorker({ queue: 'leaderboard', connection, prefix, workerId: 'test-worker@host:1', logger, handlers });
    return worker;
  }

  it('answers <queue>.ping generically', async () => {
    start({ 'leaderboard.recompute': async () => ({ window: 'all', entries: 0, computedAt: 'never' }) });
    const job = await queue.add('leaderboard.ping', { sentAt: Date.now() });
    const done = await waitForFinished(queue, job.id!);
    expect(done.state).toBe('completed');
    expect(done.returnvalue).toMatchObject({ pong: true, queue: 'leaderboard', worker: 'test-worker@host:1' });
    expect(typeof (done.returnvalue as { receivedAt: unknown }).receivedAt).toBe('number');
  });

  it('calls the typed handler with the parsed payload and returns its result', async () => {
    const seen: unknown[] = [];
    start({
      'leaderboard.recompute': async (payload) => {
        seen.push(payload);
        return { window: payload.window, entries: 3, computedAt: '2024-01-01T00:00:00.000Z' };
      },
    });
    const job = await queue.add('leaderboard.recompute', { window: 'week', requestId: 'r-1' });
    const done = await waitForFinished(queue, job.id!);
    expect(done.state).toBe('completed');
    expect(done.returnvalue).toEqual({ window: 'week', entries: 3, computedAt: '2024-01-01T00:00:00.000Z' });
    expect(seen).toEqual([{ window: 'week', requestId: 'r-1' }]);
  });

  it('fails, without executing or retrying, a job whose payload breaks its contract', async () => {
    const { logger, lines } = captureLogger();
    const handler = jest.fn(async () => ({ window: 'all' as const, entries: 0, computedAt: 'x' }));
    start({ 'leaderboard.recompute': handler }, logger);
    const job = await queue.add('leaderboard.recompute', { window: 'year' } as never, { attempts: 3 });
    const done = await waitForFinished(queue, job.id!);
    expect(done.state).toBe('failed');
    expect(done.failedReason).toMatch(/Invalid payload for leaderboard.recompute: window/);
    expect(done.attemptsMade).toBe(1);
    expect(handler).not.toHaveBeenCalled();
    expect(lines.some((line) => line.msg === 'Refusing a job whose payload fails its contract')).toBe(true);
  });

  it('fails a job whose name is not in the queue catalog, or belongs to another queue', async () => {
    const handler = jest.fn(async () => ({ window: 'all' as const, entries: 0, computedAt: 'x' }));
    start({ 'leaderboard.recompute': handler });
    const unknown = await queue.add('leaderboard.drop-tables', { window: 'all' }, { attempts: 3 });
    const foreign = await queue.add('default.ping', { sentAt: Date.now() }, { attempts: 3 });
    const [a, b] = await Promise.all([waitForFinished(queue, unknown.id!), waitForFinished(queue, foreign.id!)]);
    expect(a).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'Unknown job "leaderboard.drop-tables" on queue "leaderboard"' });
    expect(b).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'Unknown job "default.ping" on queue "leaderboard"' });
    expect(handler).not.toHaveBeenCalled();
  });

  it('fails a job whose handler returns a result that breaks the contract', async () => {
    start({ 'leaderboard.recompute': async () => ({ window: 'all', entries: -1, computedAt: 'x' }) });
    const job = await queue.add('leaderboard.recompute', { window: 'all' });
    const done = await waitForFinished(queue, job.id!);
    expect(done.state).toBe('failed');
  });
});
