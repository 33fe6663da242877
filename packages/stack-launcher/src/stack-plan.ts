import { appEntry, embeddedPostgresEntry } from './app-entry';
import type { StackApp, StackConfig } from './config';
import type { SupervisedProcess } from './process-supervisor';
import { waitForHttp } from './wait-for-http';
import { waitForTcp } from './wait-for-tcp';

export const EMBEDDED_POSTGRES = 'embedded-postgres';

/** Fixed offsets from WORKER_HEALTH_PORT, so each worker's port does not depend on which apps run. */
const HEALTH_PORT_OFFSET: Partial<Record<StackApp, number>> = { 'worker-default': 0, 'worker-spotify': 1, 'worker-leaderboard': 2 };

/** `postgres://postgres@127.0.0.1:<port>/postgres`: the DATABASE_URL the apps get when the launcher serves PGlite. */
export function embeddedDatabaseUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/**
 * The environment of one app: the launcher's own, plus DATABASE_URL of the embedded Postgres (when it runs),
 * the emulator's Spotify URLs (when the emulator runs and they are unset), and, for a worker, its own
 * WORKER_HEALTH_PORT (base + fixed offset) — never the same port for three processes.
 */
export function appEnv(app: StackApp, config: StackConfig, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { WORKER_HEALTH_PORT: _shared, ...out } = env;
  if (config.embeddedPostgres) out.DATABASE_URL = embeddedDatabaseUrl(config.embeddedPostgres.port);
  if (config.apps.includes('spotify-emulator')) {
    const emulator = `http://127.0.0.1:${config.emulatorPort}`;
    if (!out.SPOTIFY_API_URL) out.SPOTIFY_API_URL = `${emulator}/v1`;
    if (!out.SPOTIFY_ACCOUNTS_URL) out.SPOTIFY_ACCOUNTS_URL = emulator;
  }
  const offset = HEALTH_PORT_OFFSET[app];
  if (offset !== undefined && config.workerHealthPortBase !== undefined) out.WORKER_HEALTH_PORT = String(config.workerHealthPortBase + offset);
  return out;
}

/** What the launcher runs, in start order: the embedded Postgres first (ready when its port answers), then the apps. */
export function planStack(config: StackConfig, env: NodeJS.ProcessEnv): SupervisedProcess[] {
  const specs: SupervisedProcess[] = [];
  if (config.embeddedPostgres) {
    const { port, dataDir } = config.embeddedPostgres;
    specs.push({
      name: EMBEDDED_POSTGRES,
      command: process.execPath,
      args: [embeddedPostgresEntry(config.root)],
      env: { ...env, EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_HOST: '127.0.0.1', PGLITE_DATA_DIR: dataDir },
      ready: () => waitForTcp('127.0.0.1', port, 60_000),
      stopAfterOthers: true,
    });
  }
  const emulatorUrl = `http://127.0.0.1:${config.emulatorPort}`;
  for (const app of config.apps) {
    specs.push({
      name: app,
      command: process.execPath,
      args: [appEntry(config.root, app)],
      env: appEnv(app, config, env),
      ready: app === 'spotify-emulator' ? () => waitForHttp(`${emulatorUrl}/__emulator/stats`, 15_000) : undefined,
    });
  }
  return specs;
}
