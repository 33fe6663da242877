import type { Queue } from 'bullmq';
import { waitUntil } from './wait-until';

/** A job as it ended. */
export interface FinishedJob {
  id: string;
  state: 'completed' | 'failed';
  returnvalue: unknown;
  failedReason?: string;
  attemptsMade: number;
  processedBy?: string;
}

/** Polls until job `id` of `queue` is completed or failed, then reads it once more (the first read may predate the change). */
export async function waitForFinished(queue: Queue, id: string, timeoutMs = 30_000): Promise<FinishedJob> {
  let state = 'missing';
  await waitUntil(`job ${id} to finish (still ${state})`, async () => {
    state = await queue.getJobState(id);
    return state === 'completed' || state === 'failed';
  }, timeoutMs, 50);
  const job = (await queue.getJob(id))!;
  return {
    id,
    state: state as FinishedJob['state'],
    returnvalue: job.returnvalue,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    processedBy: job.processedBy,
  };
}
