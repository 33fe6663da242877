// First: instruments the modules the others load.
import { tracing } from './instrumentation';
import { createLogger } from '@albumboard/observability';
import { QueueName } from '@albumboard/queue-contracts';
import { loadConfigOrExit } from '@albumboard/env-config';
import { parseQueuesArgOrExit, runWorkerProcess } from '@albumboard/worker-runtime';
import { createSpotifyWorker } from './app';
import { describeConfig, loadConfig } from './config';

/** worker-spotify: the only consumer of the `spotify` queue. `node dist/index.js [--queues spotify]`. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(process.env));
  const logger = createLogger({ name: 'worker-spotify', level: config.logLevel, pretty: config.logPretty });
  const queues = parseQueuesArgOrExit(process.argv.slice(2), { defaults: [QueueName.Spotify], allowed: [QueueName.Spotify] });
  logger.info({ config: describeConfig(config) }, 'worker-spotify configuration');
  if (config.spotify.usingEmulator) logger.warn(`No SPOTIFY_CLIENT_ID/SECRET set: calling the Spotify emulator at ${config.spotify.apiUrl}`);
  await runWorkerProcess({
    name: 'worker-spotify',
    queues,
    redis: config.redis,
    logger,
    healthPort: config.healthPort,
    tracing,
    workers: {
      [QueueName.Spotify]: ({ connection, workerId }) => createSpotifyWorker({ config, connection, logger, workerId }),
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`worker-spotify failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
