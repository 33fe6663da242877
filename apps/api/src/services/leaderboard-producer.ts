import type { Logger } from '@albumboard/observability';
import { jobCatalog, leaderboardRecomputeJobOptions, leaderboardWindowSchema, QueueName, type LeaderboardWindow } from '@albumboard/queue-contracts';
import type { JobsOptions } from 'bullmq';
import { BackgroundQueue, type BackgroundQueueOptions } from './background-queue';

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

export type LeaderboardProducerOptions = Omit<BackgroundQueueOptions, 'queue' | 'logger'> & {
  logger: Logger;
  /** Delay of a new recompute (default LEADERBOARD_RECOMPUTE_DEBOUNCE_MS from queue-contracts). */
  delayMs?: number;
};

/** Asks worker-leaderboard to recompute the boards after a rating changed. Never throws: the scheduler recomputes anyway. */
export class LeaderboardProducer {
  private readonly queue: BackgroundQueue;

  constructor(private readonly options: LeaderboardProducerOptions) {
    const logger = options.logger.child({ component: 'leaderboard-producer', queue: QueueName.Leaderboard });
    this.queue = new BackgroundQueue({ ...options, queue: QueueName.Leaderboard, logger });
  }

  /**
   * Requests a recompute of every window; failures are logged, never thrown. Resolves once an enqueue that began after
   * this call has finished, so the write that asked for it is on a board computed later. Concurrent requests share
   * enqueues: per window at most one runs and one waits behind it, the waiting one covering every request made
   * meanwhile — a burst of ratings costs a few BullMQ adds, not two per rating (`pnpm bench:api`).
   */
  async requestRecompute(requestId?: string): Promise<void> {
    await Promise.all(leaderboardWindowSchema.options.map((window) => this.request(window, requestId)));
  }

  private readonly waiting = new Map<LeaderboardWindow, { started: boolean; done: Promise<void> }>();

  private request(window: LeaderboardWindow, requestId?: string): Promise<void> {
    const last = this.waiting.get(window);
    if (last && !last.started) return last.done; // an enqueue not yet begun covers this request too
    const entry = { started: false, done: Promise.resolve() };
    entry.done = (last?.done ?? Promise.resolve())
      .then(async () => {
        entry.started = true;
        await this.queue.add(
          'leaderboard.recompute',
          { window, ...(requestId ? { requestId } : {}) },
          recomputeJobOptions(window, this.options.delayMs),
          'could not enqueue leaderboard.recompute; the scheduled recompute will catch up',
          { window, requestId },
        );
      })
      .finally(() => {
        if (this.waiting.get(window) === entry) this.waiting.delete(window);
      });
    this.waiting.set(window, entry);
    return entry.done;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
