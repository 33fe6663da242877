// First: instruments the modules the others load.
import { tracing } from './instrumentation';
import { QueueName } from '@albumboard/queue-contracts';
import { createRatingStore } from '@albumboard/rating-store';
import { openOrExit, runWorkerApp } from '@albumboard/worker-runtime';
import { createLeaderboardWorker } from './app';
import { describeConfig, loadConfig } from './config';

/** worker-leaderboard: the consumer of the `leaderboard` queue. `node dist/index.js [--queues leaderboard]`. */
runWorkerApp({ name: 'worker-leaderboard', queue: QueueName.Leaderboard, loadConfig, describeConfig, tracing }, async (config, logger) => {
  const ratingStore = await openOrExit(logger, 'Rating store', () => createRatingStore(config.ratingStore, { logger }));
  return {
    worker: ({ connection, workerId }) => createLeaderboardWorker({ config, connection, logger, ratingStore, workerId }),
    onShutdown: () => ratingStore.close(),
  };
});
