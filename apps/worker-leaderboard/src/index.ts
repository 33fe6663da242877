// First: instruments the modules the others load.
import { tracing } from './instrumentation';
import { createLogger } from '@albumboard/observability';
import { QueueName } from '@albumboard/queue-contracts';
import { createRatingStore } from '@albumboard/rating-store';
import { loadConfigOrExit } from '@albumboard/env-config';
import { openOrExit, parseQueuesArgOrExit, runWorkerProcess } from '@albumboard/worker-runtime';
import { createLeaderboardWorker } from './app';
import { describeConfig, loadConfig } from './config';

/** worker-leaderboard: the consumer of the `leaderboard` queue. `node dist/index.js [--queues leaderboard]`. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(process.env));
  const logger = createLogger({ name: 'worker-leaderboard', level: config.logLevel, pretty: config.logPretty });
  const queues = parseQueuesArgOrExit(process.argv.slice(2), { defaults: [QueueName.Leaderboard], allowed: [QueueName.Leaderboard] });
  logger.info({ config: describeConfig(config) }, 'worker-leaderboard configuration');
  const ratingStore = await openOrExit(logger, 'Rating store', () => createRatingStore(config.ratingStore, { logger }));
  await runWorkerProcess({
    name: 'worker-leaderboard',
    queues,
    redis: config.redis,
    logger,
    healthPort: config.healthPort,
    tracing,
    workers: {
      [QueueName.Leaderboard]: ({ connection, workerId }) => createLeaderboardWorker({ config, connection, logger, ratingStore, workerId }),
    },
    onShutdown: () => ratingStore.close(),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`worker-leaderboard failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
