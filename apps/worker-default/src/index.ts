// First: instruments the modules the others load.
import { tracing } from './instrumentation';
import { createLogger } from '@albumboard/observability';
import { QueueName } from '@albumboard/queue-contracts';
import { createRatingStore } from '@albumboard/rating-store';
import { createSpotifyCaller } from '@albumboard/spotify-client';
import { loadConfigOrExit } from '@albumboard/env-config';
import { openOrExit, parseQueuesArgOrExit, runWorkerProcess } from '@albumboard/worker-runtime';
import { createRedisConnection, logConnectionErrors } from '@albumboard/redis-connection';
import { createDefaultWorker } from './app';
import { describeConfig, loadConfig } from './config';

/** worker-default: the consumer of the `default` queue. `node dist/index.js [--queues default]`. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(process.env));
  const logger = createLogger({ name: 'worker-default', level: config.logLevel, pretty: config.logPretty });
  const queues = parseQueuesArgOrExit(process.argv.slice(2), { defaults: [QueueName.Default], allowed: [QueueName.Default] });
  logger.info({ config: describeConfig(config) }, 'worker-default configuration');
  const ratingStore = await openOrExit(logger, 'Rating store', () => createRatingStore(config.ratingStore, { logger }));
  // Producer connection for the spotify queue: fails fast instead of queueing commands while Redis is down.
  const producer = createRedisConnection(config.redis, 'request', logger, { lazyConnect: false });
  logConnectionErrors(producer, logger, 'spotify producer connection');
  const spotify = createSpotifyCaller({ mode: 'worker', connection: producer, prefix: config.queuePrefix, defaultTimeoutMs: config.spotifyCallTimeoutMs, logger });
  await runWorkerProcess({
    name: 'worker-default',
    queues,
    redis: config.redis,
    logger,
    healthPort: config.healthPort,
    tracing,
    workers: {
      [QueueName.Default]: ({ connection, workerId }) => createDefaultWorker({ config, connection, logger, ratingStore, spotify, workerId }),
    },
    onShutdown: async () => {
      await spotify.close();
      if (producer.status === 'ready') await producer.quit();
      else producer.disconnect();
      await ratingStore.close();
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`worker-default failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
