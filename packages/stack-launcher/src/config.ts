import path from 'node:path';
import { z } from 'zod';

/** The processes the launcher knows, in start order. */
export const STACK_APPS = ['spotify-emulator', 'api', 'worker-default', 'worker-spotify', 'worker-leaderboard'] as const;
export type StackApp = (typeof STACK_APPS)[number];

/** The apps that keep ratings (the others never open the database). */
export const DATABASE_APPS = ['api', 'worker-default', 'worker-leaderboard'] as const;

/** Default port of the embedded Postgres (EMBEDDED_PG_PORT), as in @albumboard/rating-store. */
export const EMBEDDED_PG_DEFAULT_PORT = 54329;

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'auto'])
  .transform((v) => (v === 'auto' ? 'auto' : ['true', '1', 'yes'].includes(v)));

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  /** Where the repository (or the image's /app) is: apps are found at `<root>/apps/<name>/dist`. */
  STACK_ROOT: z.string().default(path.resolve(__dirname, '../../..')),
  /** Comma list of apps to run; default: every app, the emulator only when no Spotify credentials are set. */
  STACK_APPS: z.string().optional(),
  /** Run the Spotify emulator: `auto` (when SPOTIFY_CLIENT_ID is unset), `true` or `false`. */
  STACK_EMULATOR: flag.default('auto'),
  /** Prefix every output line with the app's name (`auto`: when stdout is a terminal). */
  STACK_PREFIX_OUTPUT: flag.default('auto'),
  /** How long the apps get to stop after SIGTERM before they are killed. */
  STACK_GRACE_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  SPOTIFY_CLIENT_ID: z.string().optional(),
  EMULATOR_PORT: port.default(4010),
  /** A database the apps use; without it (and without SUPABASE_URL) the launcher starts the embedded Postgres. */
  DATABASE_URL: z.string().optional(),
  SUPABASE_URL: z.string().optional(),
  /** Embedded Postgres: TCP port and PGlite data directory (default `<STACK_ROOT>/.data/pglite`). */
  EMBEDDED_PG_PORT: port.default(EMBEDDED_PG_DEFAULT_PORT),
  PGLITE_DATA_DIR: z.string().optional(),
  /** Health port base: worker-default gets it, worker-spotify +1, worker-leaderboard +2. Unset: no health servers. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65533).optional(),
});

export interface StackConfig {
  root: string;
  apps: StackApp[];
  prefixOutput: boolean;
  graceMs: number;
  emulatorPort: number;
  /** Set when neither DATABASE_URL nor SUPABASE_URL is: the launcher serves PGlite on this port first. */
  embeddedPostgres?: { port: number; dataDir: string };
  workerHealthPortBase?: number;
}

export class StackConfigError extends Error {}

/** Reads the launcher's settings once (empty values count as unset); throws StackConfigError with one line naming a bad setting. */
export function loadStackConfig(env: NodeJS.ProcessEnv, isTty: boolean): StackConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StackConfigError(`Invalid setting ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const e = parsed.data;
  let apps: StackApp[];
  if (e.STACK_APPS) {
    const names = e.STACK_APPS.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(STACK_APPS as readonly string[]).includes(n));
    if (unknown.length > 0) throw new StackConfigError(`Invalid setting STACK_APPS: unknown app ${unknown.join(', ')} (known: ${STACK_APPS.join(', ')})`);
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
      ? { port: e.EMBEDDED_PG_PORT, dataDir: e.PGLITE_DATA_DIR ?? path.join(e.STACK_ROOT, '.data', 'pglite') }
      : undefined,
    workerHealthPortBase: e.WORKER_HEALTH_PORT,
  };
}
