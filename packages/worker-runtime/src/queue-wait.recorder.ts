import { BufferedRedisMetrics, opsKeys, type Logger } from '@albumboard/observability';
import type { Job, Worker } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';

export interface QueueWaitRecorderOptions {
  queue: string;
  connection: RedisConnection;
  prefix: string;
  logger: Logger;
}

/**
 * Seconds job `job` waited between becoming runnable (added, or its delay over) and a worker taking it, counted from
 * `workerStartedAt` at the earliest: a job that came due before the worker started (a scheduled job while the stack
 * was stopped, a job queued before a deploy) waited for a worker to exist, not in a queue a worker was serving, and
 * the time the stack was down is not queue wait. With several workers on a queue, a backlog's jobs taken by a worker
 * that has just started count from its start too: an undercount limited to that worker's first jobs.
 */
export function queueWaitSeconds(job: Pick<Job, 'timestamp' | 'processedOn' | 'delay'>, workerStartedAt = 0, now = Date.now()): number {
  const runnableAt = Math.max(job.timestamp + (job.delay ?? 0), workerStartedAt);
  return Math.max(0, ((job.processedOn ?? now) - runnableAt) / 1000);
}

/**
 * Adds each job's queue wait to a histogram in Redis (`P:ops:queue-wait:<queue>`), which the api exports on `/metrics`
 * as `albumboard_queue_wait_seconds{queue}`. Buffered (`BufferedRedisMetrics`: written once a second, and when the
 * worker has closed): a failed write is logged once and never fails a job.
 */
export function recordQueueWait(worker: Worker, options: QueueWaitRecorderOptions): void {
  const key = opsKeys(options.prefix).queueWait(options.queue);
  const metrics = new BufferedRedisMetrics(options.connection, { logger: options.logger.child({ queue: options.queue }) });
  const startedAt = Date.now();
  worker.on('active', (job: Job) => metrics.observe(key, queueWaitSeconds(job, startedAt)));
  worker.on('closed', () => void metrics.close());
}
