#!/usr/bin/env node
import { loadConfig } from './config';
import { startEmulator } from './emulator';
import { createLogger } from './logger';

/** CLI: `node dist/main.js`. Reads EMULATOR_* settings, listens, closes cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`spotify-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const log = createLogger(config.options.logLevel ?? 'info');
  const handle = await startEmulator({ ...config.options, port: config.port, host: config.host });
  log.info(`Spotify emulator listening on ${handle.url}`, { url: handle.url });

  const shutdown = (signal: string): void => {
    log.info('shutting down', { signal });
    void handle.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`spotify-emulator: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
