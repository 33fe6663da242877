import type { Logger } from '@albumboard/observability';
import { parseJobPayload, queueOptionsFor, type JobName, type JobPayloadInput, type QueueName } from '@albumboard/queue-contracts';
import { type MemoryRelief, type RedisConnection, retryOnceAfterOutOfMemory, withTimeout } from '@albumboard/redis-connection';
import { queueTelemetry } from '@albumboard/tracing';
import { Queue, type JobsOptions } from 'bullmq';

export interface BackgroundQueueOptions {
  queue: QueueName;
  /** The API's fail-fast connection; not closed here. */
  connection: RedisConnection;
  prefix: string;
  /** The producer's logger (its component names who enqueues). */
  logger: Logger;
  /** Upper bound on one enqueue (default 2000 ms). */
  timeoutMs?: number;
  /** Frees memory when an add meets OOM (the search cache's `shed`); the add is then tried once more. */
  relieveMemory?: MemoryRelief;
}

/**
 * A queue the API hands background work to, fire-and-log: the BullMQ queue is created on first use (building the app
 * touches no Redis), every payload is checked against the job catalogue, every add is bounded, an add refused because
 * Redis is out of memory is tried once more after `relieveMemory`, and a failure is logged, never thrown — background
 * work is never part of an answer.
 */
export class BackgroundQueue {
  private created: Queue | null = null;

  constructor(private readonly options: BackgroundQueueOptions) {}

  private get queue(): Queue {
    if (this.created) return this.created;
    const { queue: name, connection, prefix, logger } = this.options;
    const queue = new Queue(name, { ...queueOptionsFor(name), connection, prefix, telemetry: queueTelemetry() });
    queue.on('error', (error) => logger.warn({ err: error }, `${name} queue error`));
    this.created = queue;
    return queue;
  }

  /** Enqueues `name`; on failure logs `failure` with `context` and resolves false. */
  async add<N extends JobName>(name: N, payload: JobPayloadInput<N>, jobOptions: JobsOptions, failure: string, context: Record<string, unknown>): Promise<boolean> {
    try {
      const data = parseJobPayload(name, payload);
      const add = () => withTimeout(this.queue.add(name, data, jobOptions), this.options.timeoutMs ?? 2000, `enqueueing ${name} timed out`);
      await retryOnceAfterOutOfMemory(add, this.options.relieveMemory);
      return true;
    } catch (error) {
      this.options.logger.warn({ err: error, ...context }, failure);
      return false;
    }
  }

  async close(): Promise<void> {
    await this.created?.close().catch((error: unknown) => this.options.logger.warn({ err: error }, `closing the ${this.options.queue} queue failed`));
  }
}
