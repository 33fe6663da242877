import { Queue } from 'bullmq';
import { parseRedisSettings } from '@albumboard/redis-connection';
import { createQueueWorker, runWorkerProcess, type QueueWorkerFactory } from '../src';
import { captureLogger, REDIS_URL, usePrefixedRedis, waitForFinished, workerConnection } from '@albumboard/test-support';

const album = { id: 'a', name: 'A', artists: [], releaseDate: null, releaseDatePrecision: null, totalTracks: null, imageUrl: null, spotifyUrl: null, albumType: null };

describe('runWorkerProcess (real Redis)', () => {
  const db = usePrefixedRedis('wp');

  it('logs start-up lines, serves /healthz, and on stop lets the active job finish before exiting 0', async () => {
    const { logger, lines } = captureLogger();
    const exit = jest.fn();
    const onShutdown = jest.fn();
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const defaultWorker: QueueWorkerFactory = (ctx) => {
      const worker = createQueueWorker({
        ...ctx,
        queue: 'default',
        handlers: {
          'catalog.upsert-albums': async (payload) => {
            release();
            await new Promise((resolve) => setTimeout(resolve, 300));
            return { upserted: payload.albums.length };
          },
          'catalog.refresh-album': async () => ({ refreshed: false }),
          'catalog.refresh-stale': async () => ({ stale: 0 }),
        },
      });
      return { worker, close: () => worker.close() };
    };
    const proc = await runWorkerProcess({
      name: 'worker-test',
      queues: ['default'],
      workers: { default: defaultWorker },
      createConnection: workerConnection,
      redis: parseRedisSettings({ REDIS_URL, QUEUE_PREFIX: db.prefix }),
      logger,
      healthPort: 0,
      handleSignals: false,
      onShutdown,
      exit,
    });
    expect(proc).toBeDefined();
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain("Starting worker listening on queues: ['default']");
    expect(messages).toContain('Listening on default...');
    expect(proc!.workerId).toMatch(/^worker-test@.+:\d+$/);

    const health = await fetch(`http://127.0.0.1:${proc!.health!.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${proc!.health!.port}/other`)).status).toBe(404);

    const producerConnection = workerConnection();
    const queue = new Queue('default', { connection: producerConnection, prefix: db.prefix });
    const job = await queue.add('catalog.upsert-albums', { albums: [album] });
    await started;
    await proc!.stop('test');
    const done = await waitForFinished(queue, job.id!);
    expect(done).toMatchObject({ state: 'completed', returnvalue: { upserted: 1 } });
    expect(exit).toHaveBeenCalledWith(0);
    expect(onShutdown).toHaveBeenCalledTimes(1);
    await expect(fetch(`http://127.0.0.1:${proc!.health!.port}/healthz`)).rejects.toThrow();
    const ping = await queue.add('default.ping', { sentAt: Date.now() });
    expect(await (await queue.getJob(ping.id!))!.getState()).toBe('waiting'); // nobody consumes after stop
    await queue.close();
    await producerConnection.quit();
  });

  it('says plainly that Redis is not answering and exits 1', async () => {
    const { logger, lines } = captureLogger();
    const exit = jest.fn();
    const proc = await runWorkerProcess({
      name: 'worker-test',
      queues: ['default'],
      workers: {},
      redis: parseRedisSettings({ REDIS_URL: 'redis://127.0.0.1:1' }),
      logger,
      redisTimeoutMs: 300,
      handleSignals: false,
      exit,
    });
    expect(proc).toBeUndefined();
    expect(exit).toHaveBeenCalledWith(1);
    const fatal = lines.find((line) => line.level === 60);
    expect(fatal?.msg).toMatch(/^Redis did not answer at redis:\/\/127\.0\.0\.1:1 within 300 ms \(connect ECONNREFUSED .*redis-server.*docker compose up -d redis.*REDIS_URL/);
  });

  it('exits 1 when a queue has no worker factory', async () => {
    const { logger, lines } = captureLogger();
    const exit = jest.fn();
    await runWorkerProcess({ name: 'worker-test', queues: ['leaderboard'], workers: {}, createConnection: workerConnection, redis: parseRedisSettings({ REDIS_URL, QUEUE_PREFIX: db.prefix }), logger, handleSignals: false, exit });
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines.some((line) => line.msg === 'worker-test has no worker for queue "leaderboard"')).toBe(true);
  });
});
