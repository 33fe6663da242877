import type { Logger } from '@albumboard/observability';
import {
  jobCatalog,
  leaderboardRecomputeJobOptions,
  parseJobPayload,
  QueueName,
  type LeaderboardWindow,
} from '@albumboard/queue-contracts';
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import { withTimeout } from './with-timeout';
import { queueTelemetry } from '@albumboard/tracing';

export const LEADERBOARD_WINDOWS_TO_RECOMPUTE: readonly LeaderboardWindow[] = ['all', 'week'];

/**
 * Job options of a recompute request: the catalog defaults plus the deduplication every producer shares
 * (queue-contracts' leaderboard-dedup). The first request of a burst schedules a recompute
 * LEADERBOARD_RECOMPUTE_DEBOUNCE_MS later and the rest of the burst joins it (their writes committed before it runs);
 * a request arriving while that recompute is already RUNNING is kept (`keepLastIfActive`) and becomes one follow-up
 * recompute. So the last rating of a burst is always reflected, and a steady stream cannot postpone the board forever.
 */
export function recomputeJobOptions(window: LeaderboardWindow, delayMs?: number): JobsOptions {
  return { ...jobCatalog['leaderboard.recompute'].options, ...leaderboardRecomputeJobOptions(window, delayMs) };
}

export interface LeaderboardProducerOptions {
  /** The API's fail-fast connection; not closed by the producer. */
  connection: RedisConnection;
  prefix: string;
  logger: Logger;
  /** Upper bound on one enqueue (default 2000 ms). */
  timeoutMs?: number;
  /** Delay of a new recompute (default LEADERBOARD_RECOMPUTE_DEBOUNCE_MS from queue-contracts). */
  delayMs?: number;
}

/** Asks worker-leaderboard to recompute the boards after a rating changed. Never throws: the scheduler recomputes anyway. */
export class LeaderboardProducer {
  private readonly logger: Logger;
  private created: Queue | null = null;

  constructor(private readonly options: LeaderboardProducerOptions) {
    this.logger = options.logger.child({ component: 'leaderboard-producer', queue: QueueName.Leaderboard });
  }

  /** The BullMQ queue, created on first use (building the app touches no Redis). */
  private get queue(): Queue {
    if (this.created) return this.created;
    const queue = new Queue(QueueName.Leaderboard, { connection: this.options.connection, prefix: this.options.prefix, telemetry: queueTelemetry() });
    queue.on('error', (error) => this.logger.warn({ err: error }, 'leaderboard queue error'));
    this.created = queue;
    return queue;
  }

  /** Requests a recompute of every window; failures are logged, never thrown. */
  async requestRecompute(requestId?: string): Promise<void> {
    await Promise.all(LEADERBOARD_WINDOWS_TO_RECOMPUTE.map((window) => this.request(window, requestId)));
  }

  async close(): Promise<void> {
    await this.created?.close().catch((error: unknown) => this.logger.warn({ err: error }, 'closing the leaderboard queue failed'));
  }

  private async request(window: LeaderboardWindow, requestId?: string): Promise<void> {
    try {
      const payload = parseJobPayload('leaderboard.recompute', { window, ...(requestId ? { requestId } : {}) });
      const add = this.queue.add('leaderboard.recompute', payload, recomputeJobOptions(window, this.options.delayMs));
      await withTimeout(add, this.options.timeoutMs ?? 2000, 'enqueueing leaderboard.recompute timed out');
    } catch (error) {
      this.logger.warn({ err: error, window, requestId }, 'could not enqueue leaderboard.recompute; the scheduled recompute will catch up');
    }
  }
}
