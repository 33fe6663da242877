import type { Logger } from '@albumboard/observability';
import { leaderboardSchedulerId, leaderboardWindowSchema, QueueName } from '@albumboard/queue-contracts';
import type { RatingStore } from '@albumboard/rating-store';
import { createQueue, createQueueWorker, SchedulerKeeper, schedulersPending, searchCacheRelief, workerIdentity, type RunningQueueWorker } from '@albumboard/worker-runtime';
import type { Queue, Worker } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import type { LeaderboardWorkerConfig } from './config';
import { registerLeaderboardSchedulers } from './leaderboard-schedule';
import { leaderboardRecomputeProcessor } from './processors/leaderboard-recompute.processor';
import { LeaderboardRecomputeService } from './services/leaderboard-recompute.service';

export interface LeaderboardWorkerDeps {
  config: Pick<LeaderboardWorkerConfig, 'queuePrefix' | 'recomputeEveryMs'>;
  /** A worker connection (`maxRetriesPerRequest: null`); not closed by `close()`. */
  connection: RedisConnection;
  logger: Logger;
  /** Not closed by `close()` either: the process owns it. */
  ratingStore: Pick<RatingStore, 'recomputeLeaderboard'>;
  workerId?: string;
}

export interface LeaderboardWorker extends RunningQueueWorker {
  worker: Worker;
  queue: Queue;
  close(): Promise<void>;
}

/**
 * Starts worker-leaderboard's consumer of the `leaderboard` queue (one recompute at a time per process) and
 * registers the periodic recompute of both windows.
 */
export async function createLeaderboardWorker(deps: LeaderboardWorkerDeps): Promise<LeaderboardWorker> {
  const { config, connection } = deps;
  const prefix = config.queuePrefix;
  const logger = deps.logger.child({ component: 'leaderboard-worker', queue: QueueName.Leaderboard });
  const queue = createQueue(QueueName.Leaderboard, { connection, prefix, logger });
  const service = new LeaderboardRecomputeService(deps.ratingStore, logger);
  const worker = createQueueWorker({
    queue: QueueName.Leaderboard,
    connection,
    prefix,
    workerId: deps.workerId ?? workerIdentity('worker-leaderboard'),
    logger,
    handlers: { 'leaderboard.recompute': leaderboardRecomputeProcessor(service) },
    options: { concurrency: 1 },
  });
  // Registered now and kept: re-registered as soon as Redis takes writes again after a lost next iteration, so a
  // rating whose own recompute request was refused (a full Redis) still reaches the board with the next scheduled one.
  const scheduled = await new SchedulerKeeper({
    worker,
    register: () => registerLeaderboardSchedulers(queue, config.recomputeEveryMs),
    pending: () => schedulersPending(queue, leaderboardWindowSchema.options.map(leaderboardSchedulerId)),
    what: 'leaderboard recompute schedulers',
    logger,
    relieve: searchCacheRelief(connection, prefix, logger),
  }).start();
  if (scheduled) logger.info({ everyMs: config.recomputeEveryMs }, 'leaderboard recompute scheduled for windows all, week');
  return {
    worker,
    queue,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
