import fs from 'node:fs';
import { appEntry, embeddedPostgresEntry, watchEntry } from './app-entry';
import type { StackApp, StackConfig } from './config';
import { embeddedDatabaseUrl } from './embedded-database-url';
import type { SupervisedProcess } from './process-supervisor';
import { privateRedisArgs, type RedisPlan } from './redis-plan';
import { waitForHttp } from './wait-for-http';
import { waitForTcp } from './wait-for-tcp';

export const EMBEDDED_POSTGRES = 'embedded-postgres';
export const PRIVATE_REDIS = 'redis';
export { embeddedDatabaseUrl };

/** Fixed offsets from WORKER_HEALTH_PORT, so each worker's port does not depend on which apps run. */
const HEALTH_PORT_OFFSET: Partial<Record<StackApp, number>> = { 'worker-default': 0, 'worker-spotify': 1, 'worker-leaderboard': 2 };

/**
 * The environment of one app: the launcher's own, plus DATABASE_URL of the embedded PostgreSQL (when it runs),
 * REDIS_URL of the Redis the launcher found or started, the emulator's Spotify URLs (when the emulator runs and
 * they are unset), and, for a worker, its own WORKER_HEALTH_PORT (base + fixed offset). The same in watch mode.
 */
export function appEnv(app: StackApp, config: StackConfig, env: NodeJS.ProcessEnv, redis: RedisPlan = { kind: 'given' }): NodeJS.ProcessEnv {
  const { WORKER_HEALTH_PORT: _shared, ...out } = env;
  if (config.embeddedPostgres) out.DATABASE_URL = embeddedDatabaseUrl(config.embeddedPostgres.port);
  if (redis.kind === 'found' || redis.kind === 'private') out.REDIS_URL = redis.url;
  if (config.apps.includes('spotify-emulator')) {
    const emulator = `http://127.0.0.1:${config.emulatorPort}`;
    if (!out.SPOTIFY_API_URL) out.SPOTIFY_API_URL = `${emulator}/v1`;
    if (!out.SPOTIFY_ACCOUNTS_URL) out.SPOTIFY_ACCOUNTS_URL = emulator;
  }
  const offset = HEALTH_PORT_OFFSET[app];
  if (offset !== undefined && config.workerHealthPortBase !== undefined) out.WORKER_HEALTH_PORT = String(config.workerHealthPortBase + offset);
  return out;
}

/**
 * What the launcher runs, in start order: a private redis-server and the embedded PostgreSQL first (each ready
 * when its port answers; both stopped after the apps), then the apps — compiled (`node dist/...`) or, in watch
 * mode, `tsx watch` on their source.
 */
export function planStack(config: StackConfig, env: NodeJS.ProcessEnv, redis: RedisPlan = { kind: 'given' }): SupervisedProcess[] {
  const specs: SupervisedProcess[] = [];
  if (redis.kind === 'private') {
    specs.push({
      name: PRIVATE_REDIS,
      command: redis.command,
      args: privateRedisArgs(redis),
      prepare: () => fs.mkdirSync(redis.dataDir, { recursive: true }),
      ready: () => waitForTcp('127.0.0.1', redis.port, 15_000),
      stopAfterOthers: true,
    });
  }
  if (config.embeddedPostgres) {
    const { port, dataDir } = config.embeddedPostgres;
    specs.push({
      name: EMBEDDED_POSTGRES,
      command: process.execPath,
      args: [embeddedPostgresEntry()],
      env: { ...env, EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_DATA_DIR: dataDir },
      ready: () => waitForTcp('127.0.0.1', port, 60_000),
      stopAfterOthers: true,
    });
  }
  const emulatorUrl = `http://127.0.0.1:${config.emulatorPort}`;
  for (const app of config.apps) {
    const entry = config.watch ? watchEntry(config.root, app) : { args: [appEntry(config.root, app)] };
    specs.push({
      name: app,
      command: process.execPath,
      ...entry,
      env: appEnv(app, config, env, redis),
      ready: app === 'spotify-emulator' ? () => waitForHttp(`${emulatorUrl}/__emulator/stats`, 15_000) : undefined,
    });
  }
  return specs;
}
