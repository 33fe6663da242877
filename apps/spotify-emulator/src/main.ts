#!/usr/bin/env node
import { loadConfigOrExit } from '@albumboard/env-config';
import { createLogger } from '@albumboard/observability';
import { loadConfig } from './config';
import { startEmulator } from './emulator';

/** CLI: `node dist/main.js`. Reads EMULATOR_* settings, listens, closes cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(process.env));
  // The apps' logger (packages/observability): the same JSON lines, or pretty ones under `pnpm dev`.
  const log = createLogger({ name: 'spotify-emulator', level: config.options.logLevel ?? 'info', pretty: config.logPretty });
  const handle = await startEmulator({ ...config.options, logger: log, port: config.port, host: config.host });
  log.info({ url: handle.url }, `Spotify emulator listening on ${handle.url}`);

  // A later signal of another kind (terminal SIGINT + launcher SIGTERM) joins the shutdown; the same one again exits.
  let closing: NodeJS.Signals | undefined;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing === signal) process.exit(1);
    if (closing) return;
    closing = signal;
    log.info({ signal }, 'shutting down');
    void handle.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`spotify-emulator: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
