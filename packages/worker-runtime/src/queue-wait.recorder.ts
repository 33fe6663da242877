import { BufferedRedisMetrics, opsKeys, type Logger } from '@albumboard/observability';
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
 * as `albumboard_queue_wait_seconds{queue}`. Buffered (`BufferedRedisMetrics`: written once a second, and when the
 * worker has closed): a failed write is logged once and never fails a job.
 */
export function recordQueueWait(worker: Worker, options: QueueWaitRecorderOptions): void {
  const key = opsKeys(options.prefix).queueWait(options.queue);
  const metrics = new BufferedRedisMetrics(options.connection, { logger: options.logger.child({ queue: options.queue }) });
  worker.on('active', (job: Job) => metrics.observe(key, queueWaitSeconds(job)));
  worker.on('closed', () => void metrics.close());
}
