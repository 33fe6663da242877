import { QueueName, SpotifyPriority } from '@albumboard/queue-contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  CooldownStore,
  SpotifyBadRequestError,
  SpotifyCooldownError,
  SpotifyNotFoundError,
  SpotifyQueueUnavailableError,
  SpotifyRateLimitError,
  SpotifyWorkerProxy,
  SpotifyWorkerTimeoutError,
} from '../../src';
import { TAYLOR_SWIFT_ID } from '../support/emulator';
import { useEmulatorSuite } from '../support/suite';
import { deletePrefix, uniquePrefix } from '@albumboard/test-support';
import { producerConnection, ready } from '../support/redis';
import { addedJobIds, spotifyCallProcessor, startTestWorker } from '../support/spotify-worker';

const suite = useEmulatorSuite();
const { cleanups } = suite;

/** A proxy on a fresh prefix, with its own fail-fast producer connection; everything is closed after the test. */
async function setup(label: string, options: { worker?: boolean | 'paused'; defaultTimeoutMs?: number } = {}) {
  const prefix = uniquePrefix(label);
  const connection = await ready(producerConnection());
  const proxy = new SpotifyWorkerProxy({ connection, prefix, defaultTimeoutMs: options.defaultTimeoutMs ?? 10_000 });
  const queue = new Queue(QueueName.Spotify, { connection: suite.admin, prefix });
  cleanups.push(async () => {
    await proxy.close();
    await queue.close();
    await connection.quit();
    await deletePrefix(suite.admin, prefix);
  });
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
  if (options.worker !== false) {
    worker = await startTestWorker(prefix, spotifyCallProcessor(suite.emu.client()), { paused: options.worker === 'paused' });
    cleanups.push(() => worker!.close());
  }
  return { prefix, proxy, queue, connection, worker };
}

/** Jobs ever added to the queue (its `added` events: a spotify.call is removed as it completes). */
async function jobCount(queue: Queue): Promise<number> {
  return (await addedJobIds(suite.admin, queue)).length;
}

describe('SpotifyWorkerProxy', () => {
  it('runs a call through the worker and returns the contract result', async () => {
    const { proxy } = await setup('basic');
    const result = await proxy.callViaWorker('searchArtistAlbums', { query: 'Taylor Swift', limit: 3 });
    expect(result.artist?.id).toBe(TAYLOR_SWIFT_ID);
    expect(result.albums.items).toHaveLength(3);
    const artist = await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID });
    expect(artist.name).toBe('Taylor Swift');
  });

  it('K identical concurrent calls share one job and one upstream call', async () => {
    const { proxy, queue } = await setup('dedup');
    const calls = Array.from({ length: 6 }, () => proxy.call('searchArtistAlbums', { query: 'Taylor Swift', limit: 5 }));
    const other = proxy.call('getArtist', { id: TAYLOR_SWIFT_ID });
    const results = await Promise.all(calls);
    await other;
    for (const r of results) expect(r).toEqual(results[0]);
    expect(await jobCount(queue)).toBe(2);
    expect(suite.emu.handle.stats().byEndpoint).toEqual({ 'GET /v1/search': 1, 'GET /v1/artists/{id}/albums': 1, 'GET /v1/artists/{id}': 1 });
    expect(proxy.coalescedCalls()).toEqual({ searchArtistAlbums: 5 });
    // Once nothing is in flight, the same call joins nothing.
    await proxy.call('searchArtistAlbums', { query: 'Taylor Swift', limit: 5 });
    expect(proxy.coalescedCalls()).toEqual({ searchArtistAlbums: 5 });
  });

  it('identical calls from two processes share one job (the second joins it through the BullMQ deduplication key)', async () => {
    const { proxy, prefix, queue, worker } = await setup('dedup2', { worker: 'paused' });
    const otherConnection = await ready(producerConnection());
    const other = new SpotifyWorkerProxy({ connection: otherConnection, prefix, defaultTimeoutMs: 10_000 });
    cleanups.push(async () => {
      await other.close();
      await otherConnection.quit();
    });
    const first = proxy.call('getArtist', { id: TAYLOR_SWIFT_ID });
    while ((await jobCount(queue)) === 0) await new Promise((r) => setTimeout(r, 10));
    const second = other.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 15_000 });
    // The second finds the job through BullMQ's deduplication key and joins it (raising its deadline), then a worker runs the one job.
    const [job] = await queue.getJobs(['prioritized', 'waiting']);
    while (((await queue.getJob(job.id!))?.data.deadline ?? 0) < job.data.deadline + 4_000) await new Promise((r) => setTimeout(r, 10));
    worker!.resume();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual(b);
    expect(await jobCount(queue)).toBe(1);
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('enqueues the parsed payload with deadline = now + timeoutMs, the priority and the catalog options', async () => {
    const { proxy, queue } = await setup('payload', { worker: 'paused' });
    const before = Date.now();
    const error = await proxy
      .call('searchArtists', { query: 'Taylor Swift' }, { timeoutMs: 300, priority: SpotifyPriority.Background, requestId: 'req-1' })
      .catch((e: unknown) => e);
    const after = Date.now();
    expect(error).toBeInstanceOf(SpotifyWorkerTimeoutError);
    expect((error as Error).message).toBe('Spotify worker timed out');
    const [job] = await queue.getJobs(['prioritized', 'waiting']);
    expect(job.name).toBe('spotify.call');
    expect(job.data).toEqual({
      method: 'searchArtists',
      args: { query: 'Taylor Swift', limit: 5, offset: 0 },
      deadline: expect.any(Number),
      priority: SpotifyPriority.Background,
      requestId: 'req-1',
    });
    expect(job.data.deadline).toBeGreaterThanOrEqual(before + 300);
    expect(job.data.deadline).toBeLessThanOrEqual(after + 300);
    expect(job.opts).toMatchObject({ priority: SpotifyPriority.Background, attempts: 1, removeOnComplete: true });
    expect(job.deduplicationId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('a cool-down fails the call at once, without adding a job', async () => {
    const { proxy, prefix, queue } = await setup('cooldown');
    await new CooldownStore(suite.admin, prefix).set(Date.now() + 60_000, 'QUOTA_EXCEEDED');
    const error = (await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e)) as SpotifyCooldownError;
    expect(error).toBeInstanceOf(SpotifyCooldownError);
    expect(error.reason).toBe('QUOTA_EXCEEDED');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await jobCount(queue)).toBe(0);
    expect(await suite.admin.exists(`${prefix}:${QueueName.Spotify}:id`)).toBe(0);
  });

  it('an ok:false envelope becomes the typed error', async () => {
    const { proxy } = await setup('envelope');
    await expect(proxy.call('getAlbum', { id: '0000000000000000000000' })).rejects.toBeInstanceOf(SpotifyNotFoundError);
    suite.emu.handle.configure({ forceRetryAfterS: 7 });
    const error = await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpotifyRateLimitError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000, status: 429 });
  });

  it('a result envelope of another method is refused, not passed off as this call\'s result', async () => {
    const { proxy, prefix } = await setup('mismatch', { worker: false });
    const worker = await startTestWorker(prefix, async () => ({ ok: true, method: 'getArtist', value: { id: TAYLOR_SWIFT_ID, name: 'Taylor Swift', imageUrl: null, spotifyUrl: null } }));
    cleanups.push(() => worker.close());
    await expect(proxy.call('searchArtists', { query: 'Taylor Swift' })).rejects.toMatchObject({
      code: 'upstream_error',
      message: 'Spotify worker returned a getArtist result for a searchArtists call',
    });
  });

  it('a failed job becomes SpotifyUpstreamError', async () => {
    const { proxy, prefix } = await setup('failed', { worker: false });
    const worker = await startTestWorker(prefix, async () => {
      throw new Error('worker crashed');
    });
    cleanups.push(() => worker.close());
    await expect(proxy.call('getArtist', { id: TAYLOR_SWIFT_ID })).rejects.toMatchObject({
      code: 'upstream_error',
      message: 'Spotify worker failed the job: worker crashed',
    });
  });

  it('bad arguments → SpotifyBadRequestError before anything reaches Redis', async () => {
    const { proxy, queue } = await setup('badargs');
    await expect(proxy.call('getArtist', { id: 'nope' })).rejects.toBeInstanceOf(SpotifyBadRequestError);
    await expect(proxy.call('searchArtists', { query: 'x' }, { priority: 0 })).rejects.toThrow(/Invalid spotify.call payload: priority/);
    expect(await jobCount(queue)).toBe(0);
  });

  it('close() rejects pending waiters', async () => {
    const { proxy } = await setup('close', { worker: 'paused' });
    const pending = proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 30_000 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    await proxy.close();
    expect(await pending).toBeInstanceOf(SpotifyQueueUnavailableError);
    await expect(proxy.call('getArtist', { id: TAYLOR_SWIFT_ID })).rejects.toBeInstanceOf(SpotifyQueueUnavailableError);
  });
});

describe('SpotifyWorkerProxy without Redis', () => {
  it.each([
    ['a fail-fast connection', { enableOfflineQueue: false, maxRetriesPerRequest: 1 }],
    ['a connection that would queue commands (own timeout)', { enableOfflineQueue: true, maxRetriesPerRequest: 1 }],
  ])('→ SpotifyQueueUnavailableError with %s', async (_label, options) => {
    const connection = new Redis('redis://127.0.0.1:1', { ...options, retryStrategy: () => 1000 });
    connection.on('error', () => undefined);
    const proxy = new SpotifyWorkerProxy({ connection, prefix: uniquePrefix('down'), defaultTimeoutMs: 5000, redisTimeoutMs: 300 });
    try {
      const error = await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SpotifyQueueUnavailableError);
      expect((error as Error).message).toMatch(/Redis/);
    } finally {
      await proxy.close();
      connection.disconnect();
    }
  });
});
