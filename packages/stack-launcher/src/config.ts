import path from 'node:path';
import { ConfigError, envBoolean, envPort, parseEnv } from '@albumboard/env-config';
import { z } from 'zod';

/** The processes the launcher knows, in start order. */
export const STACK_APPS = ['spotify-emulator', 'api', 'worker-default', 'worker-spotify', 'worker-leaderboard'] as const;
export type StackApp = (typeof STACK_APPS)[number];

/** The apps that keep ratings (the others never open the database). */
export const DATABASE_APPS = ['api', 'worker-default', 'worker-leaderboard'] as const;

/** Default port of the embedded PostgreSQL (EMBEDDED_PG_PORT). */
export const EMBEDDED_PG_DEFAULT_PORT = 54329;

/** `auto` or a boolean. */
const autoOrBoolean = z.union([z.literal('auto'), envBoolean], { error: 'must be auto, true or false' });

const port = envPort.refine((value) => value > 0, 'must be a port (1-65535)');

const envSchema = z.object({
  /** Where the repository (or the image's /app) is: apps are found at `<root>/apps/<name>/dist`. */
  STACK_ROOT: z.string().default(path.resolve(__dirname, '../../..')),
  /** Comma list of apps to run; default: every app, the emulator only when no Spotify credentials are set. */
  STACK_APPS: z.string().optional(),
  /** Run the Spotify emulator: `auto` (when SPOTIFY_CLIENT_ID is unset), `true` or `false`. */
  STACK_EMULATOR: autoOrBoolean.default('auto'),
  /** Prefix every output line with the app's name (`auto`: when stdout is a terminal). */
  STACK_PREFIX_OUTPUT: autoOrBoolean.default('auto'),
  /** How long the apps get to stop after SIGTERM before they are killed. */
  STACK_GRACE_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  SPOTIFY_CLIENT_ID: z.string().optional(),
  EMULATOR_PORT: port.default(4010),
  /** A database the apps use; without it (and without SUPABASE_URL) the launcher starts the embedded Postgres. */
  DATABASE_URL: z.string().optional(),
  SUPABASE_URL: z.string().optional(),
  /** Embedded PostgreSQL: TCP port (on 127.0.0.1) and data directory (default `<STACK_ROOT>/.data/postgres`). */
  EMBEDDED_PG_PORT: port.default(EMBEDDED_PG_DEFAULT_PORT),
  EMBEDDED_PG_DATA_DIR: z.string().optional(),
  /** Where the apps' Redis is; unset: the launcher looks on 127.0.0.1:STACK_REDIS_PORT and starts a private one if none answers. */
  REDIS_URL: z.string().optional(),
  /** A Redis Cluster or Sentinel the apps use (packages/redis-connection reads them): Redis is given, nothing is probed. */
  REDIS_CLUSTER_NODES: z.string().optional(),
  REDIS_SENTINELS: z.string().optional(),
  /** Port probed when REDIS_URL is unset, and taken by the private redis-server (data in `<STACK_ROOT>/.data/redis`). */
  STACK_REDIS_PORT: port.default(6379),
  /** Watch mode (`pnpm dev`): each app runs `tsx watch` on its source and restarts on edits. */
  STACK_WATCH: envBoolean.default(false),
  /** Health port base: worker-default gets it, worker-spotify +1, worker-leaderboard +2. Unset: no health servers. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65533).optional(),
});

export interface StackConfig {
  root: string;
  apps: StackApp[];
  prefixOutput: boolean;
  graceMs: number;
  emulatorPort: number;
  /** Set when neither DATABASE_URL nor SUPABASE_URL is: the launcher starts a real PostgreSQL on this port first. */
  embeddedPostgres?: { port: number; dataDir: string };
  /** True when REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS is set: the apps' Redis, untouched. Otherwise see `redisProbePort` and `planRedis`. */
  redisGiven: boolean;
  redisProbePort: number;
  /** Where a private redis-server keeps its append-only file. */
  redisDataDir: string;
  /** `pnpm dev`: apps under `tsx watch` instead of their compiled entry. */
  watch: boolean;
  workerHealthPortBase?: number;
}

/** Reads the launcher's settings once (empty values count as unset); throws a ConfigError with one line naming the bad settings. */
export function loadStackConfig(env: NodeJS.ProcessEnv, isTty: boolean): StackConfig {
  const e = parseEnv(envSchema, env);
  let apps: StackApp[];
  if (e.STACK_APPS) {
    const names = e.STACK_APPS.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(STACK_APPS as readonly string[]).includes(n));
    if (unknown.length > 0) throw new ConfigError(`Invalid setting STACK_APPS: unknown app ${unknown.join(', ')} (known: ${STACK_APPS.join(', ')})`);
    apps = STACK_APPS.filter((a) => names.includes(a));
  } else {
    const emulator = e.STACK_EMULATOR === 'auto' ? !e.SPOTIFY_CLIENT_ID : e.STACK_EMULATOR;
    apps = STACK_APPS.filter((a) => a !== 'spotify-emulator' || emulator);
  }
  const usesEmbeddedPostgres = !e.DATABASE_URL && !e.SUPABASE_URL && apps.some((a) => (DATABASE_APPS as readonly string[]).includes(a));
  return {
    root: e.STACK_ROOT,
    apps,
    prefixOutput: e.STACK_PREFIX_OUTPUT === 'auto' ? isTty : e.STACK_PREFIX_OUTPUT,
    graceMs: e.STACK_GRACE_MS,
    emulatorPort: e.EMULATOR_PORT,
    embeddedPostgres: usesEmbeddedPostgres
      ? { port: e.EMBEDDED_PG_PORT, dataDir: path.resolve(e.EMBEDDED_PG_DATA_DIR ?? path.join(e.STACK_ROOT, '.data', 'postgres')) }
      : undefined,
    redisGiven: Boolean(e.REDIS_URL ?? e.REDIS_CLUSTER_NODES ?? e.REDIS_SENTINELS),
    redisProbePort: e.STACK_REDIS_PORT,
    redisDataDir: path.join(e.STACK_ROOT, '.data', 'redis'),
    watch: e.STACK_WATCH === true,
    workerHealthPortBase: e.WORKER_HEALTH_PORT,
  };
}
