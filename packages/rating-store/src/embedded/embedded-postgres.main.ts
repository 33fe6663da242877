#!/usr/bin/env node
import { createLogger } from '@albumboard/observability';
import { startEmbeddedPostgres } from './embedded-postgres';
import { EmbeddedPostgresConfigError, loadEmbeddedPostgresConfig } from './embedded-postgres.config';

/**
 * `node dist/embedded/embedded-postgres.main.js` (or `pnpm --filter @albumboard/rating-store embedded-postgres`):
 * serves PGlite at PGLITE_DATA_DIR on EMBEDDED_PG_PORT until SIGTERM/SIGINT.
 */
/** How long a stop waits for connected clients to leave before it drops them. */
const DRAIN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadEmbeddedPostgresConfig(process.env);
  } catch (error) {
    if (!(error instanceof EmbeddedPostgresConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ name: 'embedded-postgres', level: config.logLevel, pretty: config.logPretty });
  const pg = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.port, host: config.host, logger });
  logger.info(
    { dataDir: config.dataDir, migrationsApplied: pg.migrations.applied },
    `Embedded Postgres (PGlite) listening on ${pg.url}`,
  );
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // On Ctrl-C the apps get the signal too: give them time to finish their work and disconnect.
      logger.info({ signal, connections: pg.stats().connections }, 'Stopping embedded Postgres once its clients have left');
      pg.stop({ drainTimeoutMs: DRAIN_TIMEOUT_MS }).then(
        () => {
          logger.info('Embedded Postgres stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: (error as Error).message }, 'Embedded Postgres did not stop cleanly');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? ' (the port is taken: set EMBEDDED_PG_PORT, or stop the other server)' : '';
  process.stderr.write(`embedded-postgres failed to start: ${message}${hint}\n`);
  process.exit(1);
});
