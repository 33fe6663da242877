import { generatedArtistId, startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { deletePrefix, REDIS_URL, uniquePrefix, waitUntil, workerConnection } from '@albumboard/test-support';
import { callPayload, waitForAll } from './helpers';
import { spawnWorker, stopWorker, type WorkerProcessHandle } from './processes';

describe('worker-spotify processes (real Redis, the emulator)', () => {
  let prefix: string;
  let emulator: EmulatorHandle;
  let admin: Redis;
  let queue: Queue;
  const spawned: WorkerProcessHandle[] = [];

  const env = (extra: Record<string, string> = {}) => ({
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SPOTIFY_API_URL: `${emulator.url}/v1`,
    SPOTIFY_ACCOUNTS_URL: emulator.url,
    ...extra,
  });
  const start = (extra: Record<string, string> = {}, args: string[] = []) => {
    const worker = spawnWorker(env(extra), args);
    spawned.push(worker);
    return worker;
  };

  beforeEach(async () => {
    prefix = uniquePrefix('proc');
    emulator = await startEmulator({ port: 0 });
    admin = workerConnection();
    queue = new Queue('spotify', { connection: admin, prefix });
  });

  afterEach(async () => {
    await Promise.all(spawned.splice(0).map(stopWorker));
    await emulator.close();
    await queue.close();
    await deletePrefix(admin, prefix);
    await admin.quit();
  });

  it('two processes together keep at most SPOTIFY_CONCURRENCY requests in flight and get no 429', async () => {
    emulator.configure({ latencyMs: 150, rateLimitPer30s: 100 });
    const settings = { SPOTIFY_CONCURRENCY: '2', SPOTIFY_BUDGET_PER_30S: '100' };
    const [a, b] = [start(settings), start(settings)];
    await Promise.all([a!.waitForLine('Listening on spotify...'), b!.waitForLine('Listening on spotify...')]);
    // Both consume the queue while the jobs run. Which one takes each job is BullMQ's race (a worker finishing a job
    // fetches the next in the same script, so one process may take them all): the cap must hold either way.
    expect(await queue.getWorkersCount()).toBe(2);
    const jobs = await queue.addBulk(
      Array.from({ length: 24 }, (_, i) => ({ name: 'spotify.call' as const, data: callPayload('getArtist', { id: generatedArtistId(i + 1) }, 60_000) })),
    );
    const results = await waitForAll(queue, jobs.map((job) => job.id!));
    for (const r of results) expect(r).toMatchObject({ state: 'completed', returnvalue: { ok: true } });
    const stats = emulator.stats();
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(stats.rateLimited).toBe(0);
    expect(stats.requests).toBe(24);
    for (const r of results) expect(r.processedBy).toMatch(/^worker-spotify@[^:]+:\d+$/);

    let executed = 0;
    for (const worker of [a!, b!]) {
      const out = worker.stdout();
      expect(out).toContain(`"msg":"Starting worker listening on queues: ['spotify']"`);
      expect(out).toContain('"msg":"Listening on spotify..."');
      expect(out).not.toContain('albumboard-dev-secret');
      const executing = worker.lines().filter((line) => line.msg === '[SPOTIFY WORKER] Executing method: getArtist');
      executed += executing.length;
      if (executing.length === 0) continue;
      expect(executing[0]).toHaveProperty('jobId');
      expect(out).toContain('"msg":"[SPOTIFY WORKER] Successfully completed: getArtist"');
    }
    expect(executed).toBe(24); // every job logged by the process that ran it, once
  });

  it('on SIGTERM lets the active job finish, then exits 0', async () => {
    emulator.configure({ latencyMs: 1_500 });
    const worker = start();
    await worker.waitForLine('Listening on spotify...');
    const job = await queue.add('spotify.call', callPayload('getArtist', { id: generatedArtistId(3) }, 30_000));
    await waitUntil('the request to reach the emulator', () => emulator.stats().inFlight === 1, 20_000);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const [done] = await waitForAll(queue, [job.id!], 5_000);
    expect(done).toMatchObject({ state: 'completed', returnvalue: { ok: true, value: { id: generatedArtistId(3) } } });
    expect(worker.stdout()).toContain('Worker stopped');
  });

  it('recovers the job of a SIGKILLed worker: another process runs it again (stalled-job check)', async () => {
    emulator.configure({ latencyMs: 3_000 });
    const pair = [start(), start()];
    await Promise.all(pair.map((worker) => worker.waitForLine('Listening on spotify...')));
    const job = await queue.add('spotify.call', callPayload('getArtist', { id: generatedArtistId(5) }, 60_000));
    await waitUntil('the request to reach the emulator', () => emulator.stats().inFlight === 1, 20_000);
    const takenBy = (await queue.getJob(job.id!))!.processedBy!;
    const victim = pair.find((worker) => takenBy.endsWith(`:${worker.child.pid}`))!;
    const rescuer = pair.find((worker) => worker !== victim)!;
    victim.child.kill('SIGKILL');
    await victim.exited;
    const [done] = await waitForAll(queue, [job.id!], 40_000);
    expect(done).toMatchObject({ state: 'completed', returnvalue: { ok: true, value: { id: generatedArtistId(5) } } });
    expect(done!.processedBy).toMatch(new RegExp(`:${rescuer.child.pid}$`));
    expect(rescuer.stdout()).toContain('[SPOTIFY WORKER] Successfully completed: getArtist');
    expect(emulator.stats().requests).toBe(2); // at-least-once: the killed attempt's request, then the rescuer's
  });

  it('refuses to share its process with another queue', async () => {
    const mixed = start({}, ['--queues', 'spotify,default']);
    expect(await mixed.exited).toBe(2);
    expect(mixed.stderr()).toMatch(/Refusing --queues spotify,default: the spotify queue must run in its own process/);
    const other = start({}, ['--queues=default']);
    expect(await other.exited).toBe(2);
    expect(other.stderr()).toMatch(/does not serve queue "default"/);
    expect(await queue.getGlobalConcurrency()).toBeNull(); // neither got as far as setting up the queue
  });

  it('stops with one line naming a malformed setting', async () => {
    const worker = start({ SPOTIFY_BUDGET_PER_30S: 'plenty', SPOTIFY_CLIENT_SECRET: 'only-the-secret' });
    expect(await worker.exited).toBe(1);
    const message = worker.stderr().trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^Invalid settings?:? .*SPOTIFY_BUDGET_PER_30S/);
    expect(message).not.toContain('only-the-secret');
  });

  it('says plainly when Redis does not answer', async () => {
    const worker = start({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(await worker.exited).toBe(1);
    expect(worker.stdout()).toMatch(/Redis did not answer at redis:\/\/127\.0\.0\.1:1 within 5 s \(connect ECONNREFUSED .*`redis-server`.*`docker compose up -d redis`/);
  });
});
