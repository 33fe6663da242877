import { jobCatalog, QueueName, type SpotifyCallResult } from '@albumboard/queue-contracts';
import { Worker, type Job } from 'bullmq';
import { executeSpotifyMethod, SpotifyError, type SpotifyClient } from '../../src';
import { workerConnection } from './redis';

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

/** A tiny in-test BullMQ worker on queue `spotify` under `prefix`. */
export function startTestWorker(prefix: string, processor: (job: Job) => Promise<unknown>) {
  const connection = workerConnection();
  const worker = new Worker(QueueName.Spotify, processor, { connection, prefix, concurrency: 4 });
  worker.on('error', () => undefined);
  return {
    worker,
    async close() {
      await worker.close();
      await connection.quit();
    },
  };
}
