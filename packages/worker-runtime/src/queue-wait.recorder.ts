import { histogramIncrements, opsKeys, type Logger } from '@albumboard/observability';
import type { Job, Worker } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';

export interface QueueWaitRecorderOptions {
  queue: string;
  connection: RedisConnection;
  prefix: string;
  logger: Logger;
}

/** Seconds job `job` waited between becoming runnable (added, or its delay over) and a worker taking it. */
export function queueWaitSeconds(job: Pick<Job, 'timestamp' | 'processedOn' | 'delay'>, now = Date.now()): number {
  const runnableAt = job.timestamp + (job.delay ?? 0);
  return Math.max(0, ((job.processedOn ?? now) - runnableAt) / 1000);
}

/**
 * Adds each job's queue wait to a histogram in Redis (`P:ops:queue-wait:<queue>`), which the api exports on `/metrics`
 * as `albumboard_queue_wait_seconds{queue}`. Fire-and-forget: a failed write is logged once and never fails a job.
 */
export function recordQueueWait(worker: Worker, options: QueueWaitRecorderOptions): void {
  const key = opsKeys(options.prefix).queueWait(options.queue);
  let warned = false;
  worker.on('active', (job: Job) => {
    const { fields, sum } = histogramIncrements(queueWaitSeconds(job));
    const pipeline = options.connection.multi();
    for (const field of fields) pipeline.hincrby(key, field, 1);
    pipeline.hincrbyfloat(key, 'sum', sum);
    pipeline.exec().catch((error: unknown) => {
      if (warned) return;
      warned = true;
      options.logger.warn({ err: error, queue: options.queue }, 'could not record queue wait time in Redis');
    });
  });
}
