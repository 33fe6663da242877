import type { Logger } from '@albumboard/observability';
import type { QueueName } from '@albumboard/queue-contracts';
import type { RunningQueueWorker } from './queue-worker';

/** How long a stopping worker waits for its active jobs by default: inside Kubernetes' 30 s and compose's grace. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 25_000;

/**
 * Closes every worker, letting active jobs finish. If they are still running after `graceMs`, stops waiting for them
 * (BullMQ cannot upgrade a pending close to a forced one) so the process can exit: those jobs keep their lock until it
 * lapses (STALLED_JOB_SETTINGS.lockDuration), then another worker's stalled-job check puts them back in the queue —
 * in-flight work is handed back, not lost. Resolves true when every worker closed within the grace period.
 */
export async function closeWorkersWithin(workers: ReadonlyMap<QueueName, RunningQueueWorker>, graceMs: number, logger: Logger): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = Promise.all([...workers.values()].map((worker) => worker.close())).then(() => true);
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  try {
    const closed = await Promise.race([graceful, timeout]);
    if (!closed) {
      graceful.catch(() => undefined);
      logger.warn({ graceMs }, `Jobs still active after ${graceMs} ms: exiting without them; BullMQ returns them to the queue once their lock lapses`);
    }
    return closed;
  } finally {
    clearTimeout(timer);
  }
}
