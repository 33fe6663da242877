import type { Logger } from '@albumboard/observability';
import { queueOptionsFor, type QueueName } from '@albumboard/queue-contracts';
import { Queue, Worker, type WorkerOptions } from 'bullmq';
import { DEFAULT_QUEUE_PREFIX, isOutOfMemoryError, retryOnceAfterOutOfMemory, type RedisConnection } from '@albumboard/redis-connection';
import { createCatalogProcessor, type JobHandlers } from './catalog-processor';
import { recordQueueJobs } from './queue-jobs.recorder';
import { searchCacheRelief } from './search-cache-relief';
import { StalledCheckPacer } from './stalled-check-pacer';
import { queueTelemetry } from '@albumboard/tracing';

export { DEFAULT_QUEUE_PREFIX };

/**
 * Stalled-job recovery tuned for seconds, not BullMQ's default minute: a worker renews each active job's lock every
 * `lockDuration / 2` (5 s); when a worker dies (SIGKILL, OOM, lost node) its locks lapse after at most 10 s and the
 * next stalled check (every 5 s, by any live worker) moves the job back to wait, so it runs again within ~15 s.
 * `maxStalledCount: 1`: a job that stalls twice is failed rather than looping. Jobs are therefore at-least-once.
 */
export const STALLED_JOB_SETTINGS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 1 } as const;

/**
 * How long (s) an idle worker's BZPOPMIN blocks before it asks again (BullMQ's `drainDelay`, default 5 s). A new job
 * wakes it at once (its marker ends the BZPOPMIN), so this only sets how often an idle worker polls: once every 30 s
 * instead of every 5 s. (BullMQ blocks at most 10 s while the queue holds delayed jobs, e.g. a scheduler's next one.)
 */
export const IDLE_DRAIN_DELAY_S = 30;

/**
 * How long BullMQ waits before it tries again a step of its own that Redis refused (taking the next job, finishing
 * one; its `runRetryDelay`, default 15 s). When the refusal was a full Redis, the search cache has just given space
 * back (searchCacheRelief): 1 s lets a finished job's result reach its caller within the caller's deadline.
 */
export const RUN_RETRY_DELAY_MS = 1_000;

/** What the runtime hands each per-queue factory. */
export interface QueueWorkerContext {
  queue: QueueName;
  /** The process's Redis connection (`maxRetriesPerRequest: null`); BullMQ duplicates it for blocking calls. */
  connection: RedisConnection;
  prefix: string;
  /** `<name>@<hostname>:<pid>` */
  workerId: string;
  logger: Logger;
}

/** A started consumer of one queue; `close()` lets the active jobs finish, then releases what it opened (not the connection). */
export interface RunningQueueWorker {
  worker: Worker;
  queue?: Queue;
  close(): Promise<void>;
}

export type WorkerTuning = Omit<WorkerOptions, 'connection' | 'prefix' | 'name'>;

export interface CreateQueueWorkerOptions<Q extends QueueName> {
  queue: Q;
  connection: RedisConnection;
  prefix?: string;
  workerId: string;
  logger: Logger;
  handlers: JobHandlers<Q>;
  /** Concurrency, limiter, lock settings… (defaults: STALLED_JOB_SETTINGS). */
  options?: WorkerTuning;
  /** Record each job's queue wait and how it finished in Redis for the api's /metrics (default true). */
  recordQueueJobs?: boolean;
}

/** A BullMQ Queue handle for `queue` (telemetry on, its 'error' events logged: an unlistened 'error' would crash the process). */
export function createQueue(queue: QueueName, options: { connection: RedisConnection; prefix: string; logger: Logger }): Queue {
  const handle = new Queue(queue, { ...queueOptionsFor(queue), connection: options.connection, prefix: options.prefix, telemetry: queueTelemetry() });
  handle.on('error', (error) => options.logger.error({ err: error }, `${queue} queue error`));
  return handle;
}

/**
 * A BullMQ Worker for queue `Q` whose processor is the catalog processor (ping, contract checks, typed handlers),
 * with an 'error' listener (an unlistened 'error' would crash the process) and failure logging.
 */
export function createQueueWorker<Q extends QueueName>(options: CreateQueueWorkerOptions<Q>): Worker {
  const { queue, logger } = options;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const relieve = searchCacheRelief(options.connection, prefix, logger);
  const catalogProcessor = createCatalogProcessor({ queue, handlers: options.handlers, workerId: options.workerId, logger });
  // A job whose Redis writes meet a full Redis (OOM) runs once more after the search cache gave its space back.
  const processor: typeof catalogProcessor = (job, token) => retryOnceAfterOutOfMemory(() => catalogProcessor(job, token), relieve);
  const tuning = { ...STALLED_JOB_SETTINGS, drainDelay: IDLE_DRAIN_DELAY_S, runRetryDelay: RUN_RETRY_DELAY_MS, ...options.options };
  const worker = new Worker(queue, processor, {
    ...tuning,
    // The stalled-job check runs at a pace of its own (StalledCheckPacer): every stalledInterval while it matters.
    skipStalledCheck: true,
    connection: options.connection,
    prefix,
    // A job's spans continue its producer's trace (when tracing is on).
    telemetry: queueTelemetry(),
    name: options.workerId,
  });
  worker.on('error', (error) => {
    logger.error({ err: error, queue }, 'Worker error');
    // BullMQ's own writes (finishing a job, a scheduler's next job) met a full Redis: the cache yields, BullMQ goes on
    // (the job is handed back by the stalled check; the scheduler is re-registered by its SchedulerKeeper).
    if (isOutOfMemoryError(error)) void relieve();
  });
  worker.on('failed', (job, error) => {
    logger.warn({ queue, jobId: job?.id, jobName: job?.name, err: error.message }, 'Job failed');
  });
  new StalledCheckPacer(worker, { busyIntervalMs: tuning.stalledInterval, lockDurationMs: tuning.lockDuration, logger }).start();
  if (options.recordQueueJobs ?? true) {
    recordQueueJobs(worker, { queue, connection: options.connection, prefix, logger });
  }
  return worker;
}
