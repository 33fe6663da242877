import { ALL_QUEUES, jobCatalog, jobNamesOf, JOB_NAMES, SPOTIFY_METHOD_NAMES, type JobName, type QueueName } from '@albumboard/queue-contracts';
import { Queue, QueueEvents, type Job, type Worker } from 'bullmq';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { createQueueWorker, type JobHandlers } from '../../src';
import { captureLogger, deletePrefix, uniquePrefix, workerConnection } from '@albumboard/test-support';

const BASE62 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HOSTILE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '../x', '', ' spotify.call', 'SPOTIFY.CALL', 'spotify.call\u0000'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

const spotifyId = fc.oneof(fc.string({ unit: fc.constantFrom(...BASE62), minLength: 22, maxLength: 22 }), fc.string({ maxLength: 30 }));
const nullableText = fc.option(fc.string({ maxLength: 20 }));
const album = fc.record({
  id: fc.string({ maxLength: 24 }),
  name: fc.string({ maxLength: 20 }),
  artists: fc.array(fc.record({ id: fc.string({ maxLength: 5 }), name: fc.string({ maxLength: 5 }) }), { maxLength: 2 }),
  releaseDate: nullableText,
  releaseDatePrecision: fc.constantFrom('year', 'month', 'day', null, 'week'),
  totalTracks: fc.option(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.double())),
  imageUrl: nullableText,
  spotifyUrl: nullableText,
  albumType: nullableText,
});
const requestId = fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constant('r'.repeat(200))), { nil: undefined });
/** Objects whose own keys include `__proto__` and friends, as JSON.parse makes them. */
const protoLaden = fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.jsonValue()).map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}:{"polluted":true},"x":${JSON.stringify(value)}}`) as unknown);

const pingPayload = fc.record({ sentAt: fc.oneof(fc.integer({ min: -5, max: 2 ** 40 }), fc.string()), requestId }, { requiredKeys: ['sentAt'] });
const callPayload = fc.record(
  {
    method: fc.constantFrom(...SPOTIFY_METHOD_NAMES, ...HOSTILE_NAMES),
    args: fc.oneof(fc.record({ query: fc.string({ maxLength: 10 }), id: spotifyId, limit: fc.integer({ min: -1, max: 60 }) }, { requiredKeys: [] }), fc.jsonValue()),
    deadline: fc.oneof(fc.integer({ min: -1, max: 2 ** 42 }), fc.double()),
    priority: fc.option(fc.integer({ min: -1, max: 200 }), { nil: undefined }),
    requestId,
  },
  { requiredKeys: ['method', 'args', 'deadline'] },
);
/** Payloads shaped like each job's contract (valid or a little off). */
const SHAPED: Record<string, fc.Arbitrary<unknown>> = {
  'spotify.ping': pingPayload,
  'default.ping': pingPayload,
  'leaderboard.ping': pingPayload,
  'spotify.call': callPayload,
  'catalog.upsert-albums': fc.record({ albums: fc.array(album, { maxLength: 3 }), requestId }, { requiredKeys: ['albums'] }),
  'catalog.refresh-album': fc.record({ albumId: spotifyId, requestId }, { requiredKeys: ['albumId'] }),
  'leaderboard.recompute': fc.record({ window: fc.constantFrom('all', 'week', 'day', '__proto__', 'ALL'), requestId }, { requiredKeys: ['window'] }),
};
const anything = fc.oneof(fc.jsonValue(), protoLaden, ...Object.values(SHAPED));
/** A job name (this queue's most often, any other catalog name, or a hostile one) and a payload mostly shaped for it. */
function jobFor(queue: QueueName): fc.Arbitrary<[string, unknown]> {
  const names = fc.oneof({ arbitrary: fc.constantFrom(...jobNamesOf(queue)), weight: 2 }, fc.constantFrom(...JOB_NAMES, ...HOSTILE_NAMES));
  return names.chain((name) => {
    const shaped = Object.hasOwn(SHAPED, name) ? SHAPED[name] : undefined; // not SHAPED['constructor']
    return fc.tuple(fc.constant(name), shaped ? fc.oneof({ arbitrary: shaped, weight: 3 }, anything) : anything);
  });
}

/** A result each handler may return: valid for its job's contract. */
const RESULTS: { [N in JobName]?: unknown } = {
  'spotify.call': { ok: false, error: { code: 'not_found', message: 'test handler' } },
  'catalog.upsert-albums': { upserted: 0 },
  'catalog.refresh-album': { refreshed: false },
  'leaderboard.recompute': { window: 'all', entries: 0, computedAt: '2026-01-01T00:00:00.000Z' },
};

describe.each(ALL_QUEUES.map((queue) => [queue]))('property: raw jobs on the real %s queue', (queueName: QueueName) => {
  let connection: Redis;
  let prefix: string;
  let queue: Queue;
  let events: QueueEvents;
  let eventsConnection: Redis;
  let worker: Worker;
  const handled: Array<{ name: string; payload: unknown }> = [];
  const { logger } = captureLogger();

  beforeAll(async () => {
    connection = workerConnection();
    prefix = uniquePrefix(`prop-${queueName}`);
    queue = new Queue(queueName, { connection, prefix });
    eventsConnection = connection.duplicate();
    events = new QueueEvents(queueName, { connection: eventsConnection, prefix });
    const handlers = Object.fromEntries(
      jobNamesOf(queueName)
        .filter((name) => name !== `${queueName}.ping`)
        .map((name) => [name, async (parsed: unknown) => {
          handled.push({ name, payload: parsed });
          return RESULTS[name];
        }]),
    ) as unknown as JobHandlers<QueueName>;
    worker = createQueueWorker({ queue: queueName, connection, prefix, workerId: 'prop-worker@test:1', logger, handlers });
    await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
  });

  afterAll(async () => {
    await worker.close();
    await events.close();
    eventsConnection.disconnect();
    await queue.close();
    await deletePrefix(connection, prefix);
    await connection.quit();
  });

  it('runs a handler only for a job of this queue whose payload passes its contract; refuses the rest without retries', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(jobFor(queueName), async ([jobName, data]) => {
        handled.length = 0;
        const added = await queue.add(jobName, data, { attempts: 3, backoff: { type: 'fixed', delay: 1 } });
        const state = await finish(added, events);
        const ownJob = (JOB_NAMES as readonly string[]).includes(jobName) && jobCatalog[jobName as JobName].queue === queueName;
        const valid = ownJob && jobCatalog[jobName as JobName].payload.safeParse(data).success;
        const context = `${jobName} ${JSON.stringify(data)?.slice(0, 200)}`;
        expect({ context, state }).toEqual({ context, state: valid ? 'completed' : 'failed' });
        const isPing = jobName === `${queueName}.ping`;
        expect(handled.map((h) => h.name)).toEqual(valid && !isPing ? [jobName] : []);
        if (valid && !isPing) expect(handled[0]?.payload).toEqual(jobCatalog[jobName as JobName].payload.parse(data));
        if (!valid) expect((await queue.getJob(added.id!))?.attemptsMade).toBe(1); // UnrecoverableError: no retry
        if (valid) accepted += 1;
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 100 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(await queue.getActiveCount()).toBe(0);
  });
});

/** Resolves with the job's final state (completed or failed) as QueueEvents reports it. */
async function finish(job: Job, events: QueueEvents): Promise<'completed' | 'failed'> {
  try {
    await job.waitUntilFinished(events, 10_000);
    return 'completed';
  } catch (error) {
    if ((error as Error).message.includes('timed out')) throw error;
    return 'failed';
  }
}
