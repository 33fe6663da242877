import { Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { DesignDefinition } from './design';
import { NaiveCallError, NaiveSpotifyClient } from './naive-spotify-client';

/** Attempts and backoff standing in for the seed's tenacity decorator. */
const ATTEMPTS = 4;
const BACKOFF_MS = 1000;

/** A caller's wait on the seed worker ran out: the seed's "Spotify worker timed out". */
class SeedWorkerTimeoutError extends Error {
  readonly code = 'worker_timeout';
}

/** The job failed for good; `code` keeps the last upstream failure so the answer maps like the API's. */
class SeedJobFailedError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * The seed's "after" (RQ + tenacity), rebuilt with BullMQ: every search is a job on one queue consumed by one
 * worker with concurrency 1 that calls Spotify directly; a failure (e.g. 429) is retried by BullMQ with
 * exponential backoff. No budget, no deadline in the job: a job whose caller gave up still runs.
 */
export const seedDesign: DesignDefinition = {
  name: 'seed',
  describe: () =>
    `BullMQ queue, 1 worker (concurrency 1), attempts ${ATTEMPTS} with exponential backoff from ${BACKOFF_MS} ms on any failure, no budget`,
  async start(env) {
    const producer = new Redis(env.redisUrl, { maxRetriesPerRequest: 1 });
    const workerConnection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const eventsConnection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    const queueName = 'spotify-seed';
    const queue = new Queue<{ query: string }>(queueName, { connection: producer, prefix: env.prefix });
    const events = new QueueEvents(queueName, { connection: eventsConnection, prefix: env.prefix });
    const client = new NaiveSpotifyClient({ ...env.spotify, retry: 'none' });
    const worker = new Worker<{ query: string }>(
      queueName,
      async (job) => {
        try {
          return await client.searchArtistAlbums(job.data.query);
        } catch (error) {
          if (error instanceof NaiveCallError && error.code === 'not_found') throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      { connection: workerConnection, prefix: env.prefix, concurrency: 1 },
    );
    // Every waiter adds a 'closing' listener to the queue (BullMQ's waitUntilFinished); many wait at once.
    queue.setMaxListeners(0);
    events.setMaxListeners(0);
    worker.on('error', () => undefined);
    events.on('error', () => undefined);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
    return {
      async search(query, { deadlineAt }) {
        const job = await queue.add('search', { query }, {
          attempts: ATTEMPTS,
          backoff: { type: 'exponential', delay: BACKOFF_MS },
          removeOnComplete: { age: 120 },
          removeOnFail: { age: 120 },
        });
        try {
          await job.waitUntilFinished(events, Math.max(1, deadlineAt - Date.now()));
          return 'ok';
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (/timed out/i.test(message)) throw new SeedWorkerTimeoutError('Spotify worker timed out');
          throw new SeedJobFailedError(/rate_limited/.test(message) ? 'rate_limited' : 'upstream_error', message);
        }
      },
      async close() {
        client.close();
        await worker.close(true);
        await queue.obliterate({ force: true }).catch(() => undefined);
        await Promise.all([queue.close(), events.close()]);
        await Promise.all([producer.quit(), workerConnection.quit(), eventsConnection.quit()]);
      },
    };
  },
};
