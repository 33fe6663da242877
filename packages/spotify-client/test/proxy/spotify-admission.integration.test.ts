import { opsKeys } from '@albumboard/observability';
import { QueueName, SpotifyPriority } from '@albumboard/queue-contracts';
import { Queue } from 'bullmq';
import { SpotifyBusyError, SpotifyWorkerProxy, SpotifyWorkerTimeoutError, SpotifyWorkerUnavailableError, spotifyKeys } from '../../src';
import { TAYLOR_SWIFT_ID } from '../support/emulator';
import { useEmulatorSuite } from '../support/suite';
import { deletePrefix, uniquePrefix } from '@albumboard/test-support';
import { producerConnection, ready } from '../support/redis';
import { addedJobIds, spotifyCallProcessor, startTestWorker } from '../support/spotify-worker';

const suite = useEmulatorSuite();
const { cleanups } = suite;

async function proxyOn(prefix: string, queueDelayTargetMs?: number): Promise<SpotifyWorkerProxy> {
  const connection = await ready(producerConnection());
  const proxy = new SpotifyWorkerProxy({ connection, prefix, defaultTimeoutMs: 10_000, queueDelayTargetMs });
  cleanups.push(async () => {
    await proxy.close();
    await connection.quit();
  });
  return proxy;
}

async function setup(label: string, worker: 'running' | 'paused' | 'none') {
  const prefix = uniquePrefix(label);
  const queue = new Queue(QueueName.Spotify, { connection: suite.admin, prefix });
  cleanups.push(async () => {
    await queue.close();
    await deletePrefix(suite.admin, prefix);
  });
  const proxy = await proxyOn(prefix);
  const started = worker === 'none' ? undefined : await startTestWorker(prefix, spotifyCallProcessor(suite.emu.client()), { paused: worker === 'paused' });
  if (started) cleanups.push(() => started.close());
  return { prefix, queue, proxy, worker: started };
}

/** What worker-spotify publishes at start, and `used` slots taken `agoMs` ago in the rolling window (30 s). */
async function spendWindow(prefix: string, budget: number, used: number, agoMs = 0): Promise<void> {
  await suite.admin.set(opsKeys(prefix).spotifyBudgetConfig, JSON.stringify({ budget, windowMs: 30_000, concurrency: 4, maxRetryAfterMs: 60_000, workerId: 'test' }));
  const [seconds, micros] = await suite.admin.time();
  const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  for (let i = 0; i < used; i++) await suite.admin.zadd(spotifyKeys(prefix).budget, now - agoMs, `slot-${i}`);
}

/** Every job ever added to the queue (its `added` events: a spotify.call is removed as it completes). */
async function jobIds(queue: Queue): Promise<string[]> {
  return addedJobIds(suite.admin, queue);
}

describe('admission before enqueue', () => {
  it('refuses at once as busy when the window is spent and jobs are ahead: nothing enqueued, no upstream request', async () => {
    const { prefix, queue, proxy } = await setup('busy', 'paused');
    await spendWindow(prefix, 4, 4);
    for (const id of ['a', 'b', 'c']) {
      await queue.add('spotify.call', { method: 'searchArtistAlbums', args: { query: `q ${id}`, limit: 10, offset: 0 }, deadline: Date.now() + 60_000, priority: 1 }, { priority: 1 });
    }
    const before = await jobIds(queue);
    const error = (await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 5_000 }).catch((e: unknown) => e)) as SpotifyBusyError;
    expect(error).toBeInstanceOf(SpotifyBusyError);
    expect(error.code).toBe('busy');
    // 4 slots spent, 3 searches ahead (6 requests) and its own: its request comes a window or more from now.
    expect(error.retryAfterMs).toBeGreaterThan(5_000);
    expect(await jobIds(queue)).toEqual(before);
    expect(suite.emu.handle.stats().requests).toBe(0);
  });

  it('admits when the window has room for the jobs ahead and the call', async () => {
    const { prefix, proxy, queue } = await setup('room', 'running');
    await spendWindow(prefix, 10, 4);
    const artist = await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 5_000 });
    expect(artist.id).toBe(TAYLOR_SWIFT_ID);
    expect(await jobIds(queue)).toHaveLength(1);
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('background jobs queued behind do not count against an interactive call', async () => {
    const { prefix, queue, proxy } = await setup('behind', 'paused');
    await spendWindow(prefix, 4, 2);
    for (const id of ['a', 'b', 'c']) {
      await queue.add('spotify.call', { method: 'getAlbum', args: { id: `${id}`.repeat(22) }, deadline: Date.now() + 60_000, priority: 10 }, { priority: SpotifyPriority.Background });
    }
    const pending = proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 300 }).catch((e: unknown) => e);
    // Admitted (nothing ahead at its priority): it waits for the paused worker and times out as a worker timeout.
    expect(await pending).toBeInstanceOf(SpotifyWorkerTimeoutError);
    expect(await jobIds(queue)).toHaveLength(4);
  });
});

describe('a short standing queue: the queue-delay target', () => {
  // The window is spent by slots that leave it in about 4 s: the call's one request could go then, well before its
  // 20 s deadline, but that is a longer wait in the queue than a 1 s target allows.
  it('refuses at once a call whose predicted queue wait passes the target although its deadline would allow it', async () => {
    const { prefix, queue } = await setup('target', 'running');
    const proxy = await proxyOn(prefix, 1_000);
    await spendWindow(prefix, 4, 4, 26_000);
    const error = (await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 20_000 }).catch((e: unknown) => e)) as SpotifyBusyError;
    expect(error).toBeInstanceOf(SpotifyBusyError);
    // Retry-After: until the queue ahead of it has drained to the target (about 4 s − 1 s), not the whole wait.
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_000);
    expect(await jobIds(queue)).toEqual([]);
    expect(suite.emu.handle.stats().requests).toBe(0);
  });

  it('admits the same call under a target longer than its queue wait', async () => {
    const { prefix, queue } = await setup('target-room', 'running');
    const proxy = await proxyOn(prefix, 6_000);
    await spendWindow(prefix, 4, 4, 26_000);
    const artist = await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 20_000 });
    expect(artist.id).toBe(TAYLOR_SWIFT_ID);
    expect(await jobIds(queue)).toHaveLength(1);
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('leaves background calls to their deadline (they wait behind every interactive call and take their share in the gate)', async () => {
    const { prefix, queue } = await setup('target-background', 'running');
    const proxy = await proxyOn(prefix, 1_000);
    await spendWindow(prefix, 4, 4, 26_000);
    const artist = await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 20_000, priority: SpotifyPriority.Background });
    expect(artist.id).toBe(TAYLOR_SWIFT_ID);
    expect(await jobIds(queue)).toHaveLength(1);
    expect(suite.emu.handle.stats().requests).toBe(1);
  });
});

describe('a fair share per client', () => {
  // 4 slots per window, all spent, leaving it in about 2 s: every call waits about 2 s in the queue (target 5 s).
  it('gives no queue to a client that holds its share of the window, while another client is still admitted', async () => {
    const { prefix, queue } = await setup('share', 'running');
    const proxy = await proxyOn(prefix, 5_000);
    await spendWindow(prefix, 4, 4, 28_000);
    const artists = ['0TnOYISbd1XYRBk9myaseg', '0OdUWJ0sBjDrqHygGUXeCF', '1Xyo4u8uXC1ZmMpatF05PJ', '3TVXtAsR1Inumwj472S9r4'];
    // B holds one call of the window, A two: together, two clients, A at its share (2 of 4 requests).
    await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { client: 'B' }).catch(() => undefined);
    for (const id of artists.slice(0, 2)) await proxy.call('getArtist', { id }, { client: 'A' }).catch(() => undefined);
    const jobsBefore = await jobIds(queue);
    const upstreamBefore = suite.emu.handle.stats().requests;
    const refused = await proxy.call('getArtist', { id: artists[2]! }, { client: 'A' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SpotifyBusyError);
    expect(await jobIds(queue)).toEqual(jobsBefore);
    expect(suite.emu.handle.stats().requests).toBe(upstreamBefore);
    // The same wait is fine for B, below its share.
    await proxy.call('getArtist', { id: artists[3]! }, { client: 'B' }).catch(() => undefined);
    expect(await jobIds(queue)).toHaveLength(jobsBefore.length + 1);
    expect(suite.emu.handle.stats().requests).toBe(upstreamBefore + 1);
  });
});

describe("admission allows for Spotify's response time", () => {
  it('refuses a call whose requests, one after another at the published response time, cannot be answered in time', async () => {
    const { prefix, queue, proxy } = await setup('latency', 'paused');
    await spendWindow(prefix, 10, 0); // an idle budget: nothing ahead, no slot spent
    await suite.admin.set(spotifyKeys(prefix).upstreamLatency, '3000');
    // searchArtistAlbums sends 2 requests: its answer comes about 6 s from now, after its 5 s deadline.
    const error = (await proxy.call('searchArtistAlbums', { query: 'Taylor Swift' }, { timeoutMs: 5_000 }).catch((e: unknown) => e)) as SpotifyBusyError;
    expect(error).toBeInstanceOf(SpotifyBusyError);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(6_000);
    expect(await jobIds(queue)).toEqual([]);
    expect(suite.emu.handle.stats().requests).toBe(0);
  });

  it('admits the same call when the response time leaves room before the deadline', async () => {
    const { prefix, queue, proxy } = await setup('latency-room', 'running');
    await spendWindow(prefix, 10, 0);
    await suite.admin.set(spotifyKeys(prefix).upstreamLatency, '1000');
    const result = await proxy.call('searchArtistAlbums', { query: 'Taylor Swift' }, { timeoutMs: 5_000 });
    expect(result.artist?.id).toBe(TAYLOR_SWIFT_ID);
    expect(await jobIds(queue)).toHaveLength(1);
  });
});

describe('no worker, no wait', () => {
  it('fails at once with SpotifyWorkerUnavailableError and leaves no job behind', async () => {
    const { queue, proxy, prefix } = await setup('noworker', 'none');
    const error = (await proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 10_000 }).catch((e: unknown) => e)) as SpotifyWorkerUnavailableError;
    expect(error).toBeInstanceOf(SpotifyWorkerUnavailableError);
    expect(error.code).toBe('worker_unavailable');
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(await jobIds(queue)).toEqual([]);
    expect(await suite.admin.exists(`${prefix}:${QueueName.Spotify}:id`)).toBe(0);
  });
});

describe('callers keep their own deadline and priority', () => {
  it('a joiner with a later deadline extends the job and gets its result after the first caller gave up', async () => {
    const { prefix, queue, proxy, worker } = await setup('extend', 'paused');
    const other = await proxyOn(prefix);
    const first = proxy.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 300 }).catch((e: unknown) => e);
    while ((await jobIds(queue)).length === 0) await new Promise((r) => setTimeout(r, 10));
    const second = other.call('getArtist', { id: TAYLOR_SWIFT_ID }, { timeoutMs: 20_000 });
    const [jobId] = await jobIds(queue);
    while (((await queue.getJob(jobId))?.data.deadline ?? 0) < Date.now() + 5_000) await new Promise((r) => setTimeout(r, 10));
    expect(await first).toBeInstanceOf(SpotifyWorkerTimeoutError);
    // The first caller has left; the job is still there for the second, and runs with the deadline it has now.
    expect(await queue.getJobState(jobId)).toBe('prioritized');
    worker!.resume();
    expect((await second).id).toBe(TAYLOR_SWIFT_ID);
    expect(await jobIds(queue)).toEqual([jobId]);
    expect(suite.emu.handle.stats().requests).toBe(1);
  });

  it('an interactive joiner promotes a background job (its priority in Redis)', async () => {
    const { prefix, queue, proxy } = await setup('promote', 'paused');
    const other = await proxyOn(prefix);
    const background = proxy.call('getAlbum', { id: 'a'.repeat(22) }, { timeoutMs: 2_000, priority: SpotifyPriority.Background }).catch((e: unknown) => e);
    while ((await jobIds(queue)).length === 0) await new Promise((r) => setTimeout(r, 10));
    const [jobId] = await jobIds(queue);
    expect((await queue.getJob(jobId))?.priority).toBe(SpotifyPriority.Background);
    const interactive = other.call('getAlbum', { id: 'a'.repeat(22) }, { timeoutMs: 2_000, priority: SpotifyPriority.Interactive }).catch((e: unknown) => e);
    while ((await queue.getJob(jobId))?.priority !== SpotifyPriority.Interactive) await new Promise((r) => setTimeout(r, 10));
    expect(await queue.getCountsPerPriority([SpotifyPriority.Interactive, SpotifyPriority.Background])).toEqual({ '1': 1, '10': 0 });
    expect((await queue.getJob(jobId))?.data.priority).toBe(SpotifyPriority.Interactive);
    await Promise.all([background, interactive]);
  });
});
