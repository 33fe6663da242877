// First: instruments the modules the others load.
import { tracing } from './instrumentation';
import { QueueName } from '@albumboard/queue-contracts';
import { createRatingStore } from '@albumboard/rating-store';
import { createSpotifyCaller } from '@albumboard/spotify-client';
import { openOrExit, runWorkerApp } from '@albumboard/worker-runtime';
import { createRedisConnection, logConnectionErrors } from '@albumboard/redis-connection';
import { createDefaultWorker } from './app';
import { describeConfig, loadConfig } from './config';

/** worker-default: the consumer of the `default` queue. `node dist/index.js [--queues default]`. */
runWorkerApp({ name: 'worker-default', queue: QueueName.Default, loadConfig, describeConfig, tracing }, async (config, logger) => {
  const ratingStore = await openOrExit(logger, 'Rating store', () => createRatingStore(config.ratingStore, { logger }));
  // Producer connection for the spotify queue: fails fast instead of queueing commands while Redis is down.
  const producer = createRedisConnection(config.redis, 'request', logger, { lazyConnect: false });
  logConnectionErrors(producer, logger, 'spotify producer connection');
  const spotify = createSpotifyCaller({ mode: 'worker', connection: producer, prefix: config.queuePrefix, defaultTimeoutMs: config.spotifyCallTimeoutMs, logger });
  return {
    worker: ({ connection, workerId }) => createDefaultWorker({ config, connection, logger, ratingStore, spotify, workerId }),
    onShutdown: async () => {
      await spotify.close();
      if (producer.status === 'ready') await producer.quit();
      else producer.disconnect();
      await ratingStore.close();
    },
  };
});
