import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { QueueName, type JobPayloadInput } from '@albumboard/queue-contracts';
import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { API_ENTRY, startNode, waitUntil, WORKER_SPOTIFY_ENTRY, type RunningProcess } from '../support/processes';
import { createTestStore, type TestStore } from '../support/test-database';
import { deletePrefix, uniquePrefix, workerConnection } from '@albumboard/test-support';

/** SIGTERM in the middle of work: the process finishes what it started, then exits 0. */
describe('SIGTERM mid-job (real processes)', () => {
  let emulator: EmulatorHandle;
  let redis: Redis;
  let queue: Queue;
  const prefix = uniquePrefix('api');
  const processes: RunningProcess[] = [];
  const spotifyEnv = () => ({ QUEUE_PREFIX: prefix, SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url });
  const startWorker = () => {
    const worker = startNode(WORKER_SPOTIFY_ENTRY, spotifyEnv());
    processes.push(worker);
    return worker;
  };
  const activeJobs = async () => (await queue.getJobCounts('active')).active;

  beforeAll(async () => {
    // Every upstream request takes 1.5 s, so a call is still running when the signal arrives.
    emulator = await startEmulator({ port: 0, latencyMs: 1_500 });
    redis = workerConnection();
    queue = new Queue(QueueName.Spotify, { connection: redis, prefix });
  });

  afterAll(async () => {
    for (const p of processes) await p.stop('SIGKILL');
    await queue.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await emulator.close();
  });

  it('worker-spotify finishes the active spotify.call job, then exits 0', async () => {
    const worker = startWorker();
    await worker.waitForOutput('Listening on spotify...');
    const payload: JobPayloadInput<'spotify.call'> = { method: 'searchArtistAlbums', args: { query: 'Adele', limit: 1 }, deadline: Date.now() + 60_000 };
    const job = await queue.add('spotify.call', payload);
    await waitUntil(async () => (await activeJobs()) === 1, 15_000, 'the job to become active');

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const finished = await queue.getJob(job.id!);
    expect(await finished!.getState()).toBe('completed');
    expect(finished!.returnvalue).toMatchObject({ ok: true, value: { artist: { name: 'Adele' } } });
    expect(worker.output()).toContain('Shutting down: letting active jobs finish');
  });

  it('the api answers the search in flight, then exits 0', async () => {
    const store = await createTestStore('ops_shutdown');
    const worker = startWorker();
    const api = startNode(API_ENTRY, { ...spotifyEnv(), PORT: '0', HOST: '127.0.0.1', DATABASE_URL: store.url, SPOTIFY_CALL_TIMEOUT_MS: '30000' });
    processes.push(api);
    try {
      await worker.waitForOutput('Listening on spotify...');
      await api.waitForOutput(/albumboard api listening on http:\/\/127\.0\.0\.1:\d+/);
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(api.output())![1];
      const answer = fetch(`http://127.0.0.1:${port}/api/v1/search?query=Taylor+Swift`);
      await waitUntil(async () => (await activeJobs()) === 1, 15_000, 'the search job to become active');

      api.child.kill('SIGTERM');
      const res = await answer;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { artist: { name: string } }).artist.name).toBe('Taylor Swift');
      expect(await api.exited).toBe(0);
      expect(await worker.stop('SIGTERM')).toBe(0);
    } finally {
      await api.stop('SIGKILL');
      await store.drop();
    }
  });
});

describe('SIGTERM while the api is still starting (real process)', () => {
  it('exits 0 with one line, instead of dying by the signal', async () => {
    // A "Redis" that accepts connections and never answers: the api waits in its start-up ping.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const api = startNode(API_ENTRY, { REDIS_URL: `redis://127.0.0.1:${(silent.address() as AddressInfo).port}`, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', PORT: '0', HOST: '127.0.0.1' });
    try {
      await api.waitForOutput('starting albumboard api');
      expect(await api.stop('SIGTERM')).toBe(0);
      expect(api.lines().some((line) => line.msg === 'stopped while starting' && line.signal === 'SIGTERM')).toBe(true);
    } finally {
      await api.stop('SIGKILL');
      silent.close();
    }
  }, 60_000);
});

