// First: instruments the modules the others load.
import { tracing } from './instrumentation';
import { QueueName } from '@albumboard/queue-contracts';
import { runWorkerApp } from '@albumboard/worker-runtime';
import { createSpotifyWorker } from './app';
import { describeConfig, loadConfig } from './config';

/** worker-spotify: the only consumer of the `spotify` queue. `node dist/index.js [--queues spotify]`. */
runWorkerApp({ name: 'worker-spotify', queue: QueueName.Spotify, loadConfig, describeConfig, tracing }, (config, logger) => {
  if (config.spotify.usingEmulator) logger.warn(`No SPOTIFY_CLIENT_ID/SECRET set: calling the Spotify emulator at ${config.spotify.apiUrl}`);
  return { worker: ({ connection, workerId }) => createSpotifyWorker({ config, connection, logger, workerId }) };
});
