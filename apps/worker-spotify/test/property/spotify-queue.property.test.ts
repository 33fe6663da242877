import { jobCatalog, SPOTIFY_METHOD_NAMES } from '@albumboard/queue-contracts';
import { generatedArtistName, startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { Queue, QueueEvents, type Job } from 'bullmq';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { createSpotifyWorker, type SpotifyWorker } from '../../src/app';
import { captureLogger, deletePrefix, uniquePrefix, waitUntil, workerConnection } from '@albumboard/test-support';
import { testConfig } from '../helpers';

const BASE62 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Method names a hand-written job might carry to reach something outside the closed list. */
const FORBIDDEN_METHODS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '../x', '../../etc/passwd', 'http', 'close', 'tokens', 'getJson', 'searchArtistAlbums ', 'SEARCHARTISTS', ''];
/** Upstream requests one job may cost at most: (retries + 1) per page, pages of 10 up to limit 50 plus the artist search, and a token. */
const MAX_REQUESTS_PER_JOB = 4 * (1 + 5) + 1;

const spotifyId = fc.oneof(fc.string({ unit: fc.constantFrom(...BASE62), minLength: 22, maxLength: 22 }), fc.string({ maxLength: 30 }));
const args = fc.oneof(
  fc.record(
    {
      query: fc.oneof(fc.constantFrom('Taylor Swift', 'Radiohead', generatedArtistName(7, 1000)), fc.string({ maxLength: 30 }), fc.constant('q'.repeat(201))),
      id: spotifyId,
      limit: fc.integer({ min: -1, max: 60 }),
      offset: fc.integer({ min: -1, max: 1100 }),
      market: fc.constantFrom('US', 'GB', 'us', 'XX', 'USA'),
      includeGroups: fc.array(fc.constantFrom('album', 'single', 'appears_on', 'compilation', 'podcast'), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"query":"Adele"}') as unknown),
);
/** Arguments shaped for one method of the closed list (valid or a little off). */
const ARGS_FOR: Record<string, fc.Arbitrary<unknown>> = {
  searchArtists: fc.record({ query: fc.constantFrom('Adele', 'Radiohead', ''), limit: fc.integer({ min: 0, max: 12 }) }, { requiredKeys: ['query'] }),
  getArtist: fc.record({ id: fc.constantFrom('06HL4z0CvFAxyc27GXpf02', '0000000000000000000000', 'short') }),
  getArtistAlbums: fc.record({ id: fc.constantFrom('06HL4z0CvFAxyc27GXpf02', 'bad id'), limit: fc.integer({ min: 0, max: 55 }) }, { requiredKeys: ['id'] }),
  getAlbum: fc.record({ id: fc.constantFrom('1NAmidJlEaVgA3MpcPFYGq', '0000000000000000000000'), market: fc.constantFrom('US', 'us') }, { requiredKeys: ['id'] }),
  searchArtistAlbums: fc.record({ query: fc.constantFrom('Taylor Swift', generatedArtistName(7, 1000), ' '), limit: fc.integer({ min: 0, max: 51 }) }, { requiredKeys: ['query'] }),
};
const methodAndArgs = fc
  .oneof({ arbitrary: fc.constantFrom(...SPOTIFY_METHOD_NAMES), weight: 3 }, fc.constantFrom(...FORBIDDEN_METHODS))
  .chain((method) => {
    const shaped = Object.hasOwn(ARGS_FOR, method) ? ARGS_FOR[method] : undefined;
    return fc.tuple(fc.constant(method), shaped ? fc.oneof({ arbitrary: shaped, weight: 3 }, args) : args);
  });
const payload = fc.record(
  {
    call: methodAndArgs,
    // Past deadlines (dropped without a call), live ones, and nonsense.
    deadline: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), { arbitrary: fc.constant('live'), weight: 3 }, fc.double(), fc.constant(-1)),
    priority: fc.option(fc.integer({ min: -1, max: 200 }), { nil: undefined }),
    requestId: fc.option(fc.string({ maxLength: 140 }), { nil: undefined }),
    extra: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, fc.jsonValue()), // an unknown key: refused
  },
  { requiredKeys: ['call', 'deadline'] },
);

describe('property: hand-written jobs on the real spotify queue, run by the real worker-spotify', () => {
  let emulator: EmulatorHandle;
  let prefix: string;
  let connection: Redis;
  let admin: Redis;
  let eventsConnection: Redis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: SpotifyWorker;
  const { logger } = captureLogger('worker-spotify-test', 'info');
  const upstream = () => emulator.stats().requests + emulator.stats().tokens.requests;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rateLimitPer30s: 0 });
    prefix = uniquePrefix('prop');
    connection = workerConnection();
    admin = workerConnection();
    eventsConnection = workerConnection();
    queue = new Queue('spotify', { connection: admin, prefix });
    events = new QueueEvents('spotify', { connection: eventsConnection, prefix });
    worker = await createSpotifyWorker({ config: testConfig(emulator.url, prefix, { SPOTIFY_BUDGET_PER_30S: '100000', SPOTIFY_REQUEST_TIMEOUT_MS: '3000' }), connection, logger });
    await Promise.all([worker.worker.waitUntilReady(), events.waitUntilReady()]);
  });

  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.close();
    await deletePrefix(admin, prefix);
    await Promise.all([connection.quit(), admin.quit(), eventsConnection.quit()]);
    await emulator.close();
  });

  it('executes only contract-valid calls; everything else fails at once and Spotify never hears of it', async () => {
    let executed = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(payload, async ({ extra, call: [method, callArgs], ...fields }) => {
        const data: Record<string, unknown> = { method, args: callArgs, ...fields, deadline: fields.deadline === 'live' ? Date.now() + 8000 : fields.deadline };
        if (extra !== undefined) data.extra = extra;
        const valid = jobCatalog['spotify.call'].payload.safeParse(data).success;
        const deadlinePassed = typeof data.deadline === 'number' && data.deadline <= Date.now();
        const before = upstream();
        const job = await queue.add('spotify.call', data);
        const outcome = await finish(job, events);
        const context = JSON.stringify(data).slice(0, 200);
        const spent = upstream() - before;
        expect({ context, state: outcome.state }).toEqual({ context, state: valid ? 'completed' : 'failed' });
        // Refused, or dropped because its deadline had passed: not one request upstream.
        if (!valid || deadlinePassed) expect({ context, spent }).toEqual({ context, spent: 0 });
        expect(spent).toBeLessThanOrEqual(MAX_REQUESTS_PER_JOB);
        if (valid) {
          executed += 1;
          expect(jobCatalog['spotify.call'].result.safeParse(outcome.returnvalue).success).toBe(true);
        } else refused += 1;
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 100 },
    );
    expect(executed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(await queue.getActiveCount()).toBe(0);
  });

  it.each(FORBIDDEN_METHODS.map((method) => [method]))('never executes method %j added raw with Queue.add', async (method) => {
    const before = upstream();
    const job = await queue.add('spotify.call', { method, args: { query: 'Adele', id: '06HL4z0CvFAxyc27GXpf02' }, deadline: Date.now() + 5000 });
    const outcome = await finish(job, events);
    expect(outcome.state).toBe('failed');
    expect(outcome.failedReason).toMatch(/^Invalid payload for spotify\.call: method: /);
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1);
    expect(upstream()).toBe(before);
  });

  it('never executes a job whose hash was rewritten in Redis by hand (HSET of data or name)', async () => {
    const before = upstream();
    const tampered: Array<{ field: string; value: string }> = [
      { field: 'data', value: JSON.stringify({ method: 'constructor', args: {}, deadline: Date.now() + 10_000 }) },
      { field: 'data', value: JSON.stringify({ method: '__proto__', args: { query: 'x' }, deadline: Date.now() + 10_000 }) },
      { field: 'data', value: '{"method":"toString","args":{"query":"x"},"deadline":99999999999999,"__proto__":{"polluted":true}}' },
      { field: 'name', value: 'constructor' },
      { field: 'name', value: '__proto__' },
      { field: 'name', value: 'default.ping' },
    ];
    const ids: string[] = [];
    for (const { field, value } of tampered) {
      const job = await queue.add('spotify.call', { method: 'searchArtists', args: { query: 'Adele' }, deadline: Date.now() + 10_000 }, { delay: 60_000 });
      await admin.hset(`${prefix}:spotify:${job.id}`, field, value);
      await job.promote();
      ids.push(job.id!);
    }
    await waitUntil('tampered jobs to finish', async () => (await Promise.all(ids.map((id) => queue.getJobState(id)))).every((state) => state === 'failed' || state === 'completed'), 15_000);
    for (const id of ids) expect(await queue.getJobState(id)).toBe('failed');
    expect(upstream()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never executes a job whose data is not JSON (BullMQ cannot read it: it stays unexecuted until removed)', async () => {
    const before = upstream();
    const job = await queue.add('spotify.call', { method: 'searchArtists', args: { query: 'Adele' }, deadline: Date.now() + 10_000 }, { delay: 60_000 });
    const key = `${prefix}:spotify:${job.id}`;
    await admin.hset(key, 'data', '{"method":"searchArtists","args":');
    await job.promote();
    await waitUntil('the poisoned job to be fetched', async () => (await queue.getJobState(job.id!)) === 'active', 5000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(upstream()).toBe(before);
    expect(await queue.getJobState(job.id!)).not.toBe('completed');
    // Known limit (docs/reliability.md): BullMQ keeps cycling such a job through stalled recovery; an operator removes it.
    await admin.lrem(`${prefix}:spotify:active`, 0, job.id!);
    await admin.lrem(`${prefix}:spotify:wait`, 0, job.id!);
    await admin.del(key, `${key}:lock`);
    const healthy = await queue.add('spotify.call', { method: 'searchArtists', args: { query: 'Adele' }, deadline: Date.now() + 10_000 });
    expect((await finish(healthy, events)).state).toBe('completed'); // the worker itself kept working
  });
});

async function finish(job: Job, events: QueueEvents): Promise<{ state: 'completed' | 'failed'; returnvalue?: unknown; failedReason?: string }> {
  try {
    const returnvalue: unknown = await job.waitUntilFinished(events, 15_000);
    return { state: 'completed', returnvalue };
  } catch (error) {
    if ((error as Error).message.includes('timed out')) throw error;
    return { state: 'failed', failedReason: (error as Error).message };
  }
}
