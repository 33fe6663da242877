import { BufferedRedisMetrics, opsKeys, type Logger } from '@albumboard/observability';
import type { Job, Worker } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';

export interface QueueJobsRecorderOptions {
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
 * Records what the api exports on `/metrics` for each job this worker takes, in Redis: its queue wait in a histogram
 * (`P:ops:queue-wait:<queue>` → `albumboard_queue_wait_seconds{queue}`), and how it finished in a hash
 * (`P:ops:queue-jobs:<queue>` → `bullmq_job_completed_total` / `bullmq_job_failed_total{queue}`). A failed attempt
 * counts as failed only when BullMQ gave up on the job (it set `finishedOn`): an attempt that will be retried is not a
 * failure yet.
 *
 * Counted here rather than with BullMQ's `metrics` worker option: that one runs HINCRBY + HGET inside the script
 * that finishes every job (and LPUSH/LTRIM/HSET once a minute into a list of per-minute points kept per queue and
 * outcome), while these increments join the queue-wait ones in one buffered MULTI a second (`pnpm bench:job-counters`
 * measures both). Buffered (`BufferedRedisMetrics`: written once a second, and when the worker has closed): a failed
 * write is logged once and never fails a job.
 */
export function recordQueueJobs(worker: Worker, options: QueueJobsRecorderOptions): void {
  const keys = opsKeys(options.prefix);
  const waitKey = keys.queueWait(options.queue);
  const jobsKey = keys.queueJobs(options.queue);
  const metrics = new BufferedRedisMetrics(options.connection, { logger: options.logger.child({ queue: options.queue }) });
  const startedAt = Date.now();
  worker.on('active', (job: Job) => metrics.observe(waitKey, queueWaitSeconds(job, startedAt)));
  worker.on('completed', () => metrics.increment(jobsKey, 'completed'));
  worker.on('failed', (job: Job | undefined) => {
    if (typeof job?.finishedOn === 'number') metrics.increment(jobsKey, 'failed');
  });
  worker.on('closed', () => void metrics.close());
}
