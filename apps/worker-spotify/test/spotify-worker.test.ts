import { generatedArtistId, generatedArtistName, startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createSpotifyWorker, type SpotifyWorker } from '../src/app';
import { silentLogger } from '@albumboard/observability';
import { spotifyKeys } from '@albumboard/spotify-client';
import { captureLogger, deletePrefix, uniquePrefix, waitForFinished, waitUntil, workerConnection, type FinishedJob } from '@albumboard/test-support';
import { callPayload, testConfig, waitForAll } from './helpers';

type Envelope = { ok: boolean; value?: unknown; error?: { code: string; reason?: string; retryAfterMs?: number; status?: number }; upstreamRequests?: number };
const envelope = (finished: FinishedJob) => finished.returnvalue as Envelope;

describe('worker-spotify against the emulator (real Redis)', () => {
  let prefix: string;
  let emulator: EmulatorHandle | undefined;
  let admin: Redis;
  let queue: Queue;
  const workers: SpotifyWorker[] = [];
  const connections: Redis[] = [];

  async function startWorkers(count: number, env: Record<string, string>, logger = silentLogger()): Promise<SpotifyWorker[]> {
    for (let i = 0; i < count; i += 1) {
      const connection = workerConnection();
      connections.push(connection);
      const worker = await createSpotifyWorker({ config: testConfig(emulator!.url, prefix, env), connection, logger, workerId: `worker-spotify-test-${i}` });
      await worker.worker.waitUntilReady();
      workers.push(worker);
    }
    return workers;
  }

  async function addCalls(calls: Array<{ method: string; args: Record<string, unknown>; deadlineInMs?: number }>): Promise<string[]> {
    const jobs = await queue.addBulk(calls.map((c) => ({ name: 'spotify.call', data: callPayload(c.method, c.args, c.deadlineInMs) })));
    return jobs.map((job) => job.id!);
  }

  beforeEach(() => {
    prefix = uniquePrefix('sw');
    admin = workerConnection();
    queue = new Queue('spotify', { connection: admin, prefix });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    await Promise.all(connections.splice(0).map((connection) => connection.quit()));
    await emulator?.close();
    emulator = undefined;
    await queue.close();
    await deletePrefix(admin, prefix);
    await admin.quit();
  });

  it('keeps a burst of 200 distinct searches inside the budget: 0 upstream 429s, at most `budget` requests per 30 s', async () => {
    emulator = await startEmulator({ port: 0, rateLimitPer30s: 20 });
    await startWorkers(1, { SPOTIFY_BUDGET_PER_30S: '20', SPOTIFY_CONCURRENCY: '4' });
    const ids = await addCalls(
      Array.from({ length: 200 }, (_, i) => ({ method: 'searchArtistAlbums', args: { query: generatedArtistName(i + 1, 1000) }, deadlineInMs: 8_000 })),
    );
    const results = await waitForAll(queue, ids);
    const stats = emulator.stats();
    expect(stats.rateLimited).toBe(0);
    expect(stats.maxPer30s).toBeLessThanOrEqual(20);
    expect(stats.requests).toBeLessThanOrEqual(20);
    expect(results.every((r) => r.state === 'completed')).toBe(true);
    const ok = results.filter((r) => envelope(r).ok);
    expect(ok.length).toBeGreaterThan(0);
    // Jobs whose budget slot would come after their deadline are dropped as busy (or found already late).
    for (const r of results.filter((r) => !envelope(r).ok)) expect(['busy', 'deadline_exceeded']).toContain(envelope(r).error?.code);
    for (const r of ok) expect((envelope(r).value as { artist: { name: string } }).artist.name).toMatch(/^Generated Artist \d{4}$/);
    // upstreamRequests counts every request each job sent: together they are exactly what the emulator saw.
    expect(results.reduce((sum, r) => sum + (envelope(r).upstreamRequests ?? 0), 0)).toBe(stats.requests);
    expect(await admin.zcard(`${prefix}:spotify:budget`)).toBe(stats.requests);
  });

  it('holds every job of every worker for Retry-After after one 429, then completes them all', async () => {
    emulator = await startEmulator({ port: 0, forceRetryAfterS: 2 }); // every request answers 429 until switched off
    await startWorkers(2, { SPOTIFY_CONCURRENCY: '1' }); // one request in flight across both workers
    const ids = await addCalls(Array.from({ length: 6 }, (_, i) => ({ method: 'getArtist', args: { id: generatedArtistId(i + 1) }, deadlineInMs: 30_000 })));
    await waitUntil('the 429 hold', async () => (await admin.exists(`${prefix}:spotify:pause-until`)) === 1 && (await admin.pttl(`${prefix}:spotify:limiter`)) > 0, 20_000);
    emulator.configure({ forceRetryAfterS: null });
    const pauseUntil = Number(await admin.get(`${prefix}:spotify:pause-until`));
    expect(emulator.stats().requests).toBe(1);
    const checkpoint = pauseUntil - 300 - Date.now();
    if (checkpoint > 0) await new Promise((resolve) => setTimeout(resolve, checkpoint));
    if (Date.now() < pauseUntil - 50) {
      expect(emulator.stats().requests).toBe(1); // nothing went upstream while Retry-After lasted…
      expect(await queue.getActiveCount()).toBe(0); // …and no worker even started a job: the whole queue was held
    }
    const results = await waitForAll(queue, ids);
    for (const r of results) expect(r).toMatchObject({ state: 'completed', returnvalue: { ok: true } });
    const stats = emulator.stats();
    expect(stats.rateLimited).toBe(1);
    expect(stats.requests).toBe(7); // the 429, then one request per job: the held job was retried without losing its attempt
  });

  it('turns a quota lock-out into a cool-down: recorded in Redis, queued jobs answer `cooldown`, nothing more goes upstream', async () => {
    emulator = await startEmulator({ port: 0, dailyQuota: 3, quotaRetryAfterS: 7200 });
    await startWorkers(1, { SPOTIFY_CONCURRENCY: '1' });
    const ids = await addCalls(Array.from({ length: 8 }, (_, i) => ({ method: 'getArtist', args: { id: generatedArtistId(i + 1) } })));
    const results = await waitForAll(queue, ids);
    expect(results.slice(0, 3).map((r) => envelope(r).ok)).toEqual([true, true, true]);
    for (const r of results.slice(3)) {
      expect(envelope(r)).toMatchObject({ ok: false, error: { code: 'cooldown', reason: 'QUOTA_EXCEEDED' } });
      expect(envelope(r).error!.retryAfterMs).toBeGreaterThan(7_000_000);
    }
    const cooldown = JSON.parse((await admin.get(`${prefix}:spotify:cooldown`))!) as { until: number; reason: string; setAt: number };
    expect(cooldown.reason).toBe('QUOTA_EXCEEDED');
    expect(cooldown.until).toBeGreaterThan(Date.now() + 7_000_000);
    expect(cooldown.until).toBeLessThanOrEqual(Date.now() + 7_200_000);
    expect(await admin.pttl(`${prefix}:spotify:cooldown`)).toBeGreaterThan(7_000_000);

    const later = await waitForAll(queue, await addCalls([{ method: 'searchArtistAlbums', args: { query: 'Generated Artist 0042' } }]));
    expect(envelope(later[0]!)).toMatchObject({ ok: false, error: { code: 'cooldown' }, upstreamRequests: 0 });
    const stats = emulator.stats();
    expect(stats.requests).toBe(4);
    expect(stats.quotaExceeded).toBe(1);
  });

  it('completes a job whose deadline has passed with deadline_exceeded and sends nothing upstream', async () => {
    emulator = await startEmulator({ port: 0 });
    await startWorkers(1, {});
    const [id] = await addCalls([{ method: 'getArtist', args: { id: generatedArtistId(1) }, deadlineInMs: -1_000 }]);
    const done = await waitForFinished(queue, id!);
    expect(done).toMatchObject({ state: 'completed', returnvalue: { ok: false, error: { code: 'deadline_exceeded' }, upstreamRequests: 0 } });
    expect(emulator.stats().requests).toBe(0);
    expect(emulator.stats().tokens.requests).toBe(0);
  });

  it('drops a job whose budget slot would come after its deadline as busy, without an upstream request', async () => {
    emulator = await startEmulator({ port: 0 });
    await startWorkers(1, { SPOTIFY_BUDGET_PER_30S: '2' });
    const [seconds, micros] = await admin.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await admin.zadd(`${prefix}:spotify:budget`, now, 'spent-1', now, 'spent-2');
    const [id] = await addCalls([{ method: 'getArtist', args: { id: generatedArtistId(1) }, deadlineInMs: 3_000 }]);
    const done = await waitForFinished(queue, id!);
    expect(done).toMatchObject({ state: 'completed', returnvalue: { ok: false, error: { code: 'busy' }, upstreamRequests: 0 } });
    expect(envelope(done).error?.retryAfterMs).toBeGreaterThan(0);
    expect(emulator.stats().requests).toBe(0);
  });

  it('never executes a job naming a method outside the closed list, bad arguments or an unknown job name', async () => {
    emulator = await startEmulator({ port: 0 });
    const { logger, lines } = captureLogger('worker-spotify-test', 'info');
    await startWorkers(1, {}, logger);
    const deadline = Date.now() + 20_000;
    const raw = await Promise.all([
      queue.add('spotify.call', { method: 'deleteEverything', args: {}, deadline }, { attempts: 3 }),
      queue.add('spotify.call', { method: 'getArtist', args: { id: '../../v1/me' }, deadline }, { attempts: 3 }),
      queue.add('spotify.exec', { method: 'getArtist', args: { id: generatedArtistId(1) }, deadline }, { attempts: 3 }),
    ]);
    const [method, args, name] = await waitForAll(queue, raw.map((job) => job.id!));
    expect(method).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(method!.failedReason).toMatch(/^Invalid payload for spotify.call: method/);
    expect(args).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(args!.failedReason).toMatch(/^Invalid payload for spotify.call: args.id/);
    expect(name).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'Unknown job "spotify.exec" on queue "spotify"' });
    expect(emulator.stats().requests).toBe(0);
    expect(emulator.stats().tokens.requests).toBe(0);
    expect(lines.filter((line) => line.msg === 'Refusing a job whose payload fails its contract')).toHaveLength(2);
    expect(lines.some((line) => String(line.msg).startsWith('[SPOTIFY WORKER] Executing method'))).toBe(false);
  });

  it('executes a call, logs the per-call lines, maps a 404, and answers spotify.ping', async () => {
    emulator = await startEmulator({ port: 0 });
    const { logger, lines } = captureLogger('worker-spotify-test', 'info');
    await startWorkers(1, {}, logger);
    const [found, missing] = await addCalls([
      { method: 'getArtist', args: { id: generatedArtistId(7) } },
      { method: 'getArtist', args: { id: 'A'.repeat(22) } },
    ]);
    const ping = await queue.add('spotify.ping', { sentAt: Date.now() });
    const [a, b, p] = await waitForAll(queue, [found!, missing!, ping.id!]);
    expect(envelope(a!)).toMatchObject({ ok: true, method: 'getArtist', value: { id: generatedArtistId(7), name: generatedArtistName(7, 1000) }, upstreamRequests: 1 });
    expect(envelope(b!)).toMatchObject({ ok: false, error: { code: 'not_found', status: 404 }, upstreamRequests: 1 });
    expect(p!.returnvalue).toMatchObject({ pong: true, queue: 'spotify', worker: 'worker-spotify-test-0' });
    const executing = lines.filter((line) => line.msg === '[SPOTIFY WORKER] Executing method: getArtist');
    expect(executing.map((line) => line.jobId).sort()).toEqual([found, missing].sort());
    expect(lines.filter((line) => line.msg === '[SPOTIFY WORKER] Successfully completed: getArtist').map((line) => line.jobId)).toEqual([found]);
    expect(await queue.getGlobalConcurrency()).toBe(4);
    // The successful request's response time is published for the api's admission (the 404 is not a normal answer).
    expect(await admin.get(spotifyKeys(prefix).upstreamLatency)).toMatch(/^\d+$/);
    expect(await admin.pttl(spotifyKeys(prefix).upstreamLatency)).toBeGreaterThan(0);
  });
});
