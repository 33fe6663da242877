import { jobCatalog, QueueName, type SpotifyCallResult } from '@albumboard/queue-contracts';
import { Queue, Worker, type Job } from 'bullmq';
import { executeSpotifyMethod, SpotifyError, type SpotifyClient } from '../../src';
import { workerConnection } from '@albumboard/test-support';
import type { Redis } from 'ioredis';

/** The processor a minimal worker-spotify would run: parse the payload, execute, wrap in the envelope. */
export function spotifyCallProcessor(client: SpotifyClient) {
  return async (job: Job): Promise<SpotifyCallResult> => {
    const payload = jobCatalog['spotify.call'].payload.parse(job.data);
    try {
      const value = await executeSpotifyMethod(client, payload, { deadline: payload.deadline });
      return { ok: true, method: payload.method, value } as SpotifyCallResult;
    } catch (error) {
      if (error instanceof SpotifyError) return { ok: false, error: error.toCallError() };
      throw error;
    }
  };
}

/** Resolves once BullMQ counts a worker on queue `spotify` under `prefix` (what the proxy asks before enqueueing). */
export async function untilListening(prefix: string): Promise<void> {
  const connection = workerConnection();
  const queue = new Queue(QueueName.Spotify, { connection, prefix });
  try {
    while ((await queue.getWorkersCount()) === 0) await new Promise((r) => setTimeout(r, 10));
  } finally {
    await queue.close();
    await connection.quit();
  }
}

/** A tiny in-test BullMQ worker on queue `spotify` under `prefix`; `paused` listens without taking jobs until `resume()`. */
export async function startTestWorker(prefix: string, processor: (job: Job) => Promise<unknown>, options: { paused?: boolean } = {}) {
  const connection = workerConnection();
  const worker = new Worker(QueueName.Spotify, processor, { connection, prefix, concurrency: 4, autorun: !options.paused });
  worker.on('error', () => undefined);
  if (options.paused) await worker.waitUntilReady();
  await untilListening(prefix);
  return {
    worker,
    resume() {
      void worker.run().catch(() => undefined);
    },
    async close() {
      await worker.close();
      await connection.quit();
    },
  };
}

/** The ids of every job ever added to `queue`, from its `added` events (finished spotify.call jobs are removed). */
export async function addedJobIds(redis: Redis, queue: Queue): Promise<string[]> {
  const entries = (await redis.xrange(queue.keys.events, '-', '+')) as [string, string[]][];
  const ids = entries.map(([, fields]) => Object.fromEntries(fields.flatMap((value, i) => (i % 2 === 0 ? [[value, fields[i + 1]]] : []))) as Record<string, string>);
  return ids.filter((entry) => entry.event === 'added').map((entry) => entry.jobId).sort();
}
