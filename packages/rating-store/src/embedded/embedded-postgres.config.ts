import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EMBEDDED_PG_DEFAULT_PORT } from './embedded-postgres';

/** The repository root (the directory holding pnpm-workspace.yaml above `from`), else the working directory. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

const envSchema = z.object({
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(EMBEDDED_PG_DEFAULT_PORT),
  EMBEDDED_PG_HOST: z.string().min(1).default('127.0.0.1'),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v)).default(false),
});

export interface EmbeddedPostgresCliConfig {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.output<typeof envSchema>['LOG_LEVEL'];
  logPretty: boolean;
}

export class EmbeddedPostgresConfigError extends Error {}

/**
 * Settings of `embedded-postgres.main`: EMBEDDED_PG_PORT (default 54329), EMBEDDED_PG_HOST (default
 * 127.0.0.1), PGLITE_DATA_DIR (default `<repo>/.data/pglite`), LOG_LEVEL, LOG_PRETTY. Empty values count as
 * unset; a bad value throws one line naming the variable.
 */
export function loadEmbeddedPostgresConfig(env: NodeJS.ProcessEnv, repoRoot = findRepoRoot()): EmbeddedPostgresCliConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new EmbeddedPostgresConfigError(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.EMBEDDED_PG_PORT,
    host: e.EMBEDDED_PG_HOST,
    dataDir: e.PGLITE_DATA_DIR ?? path.join(repoRoot, '.data', 'pglite'),
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
  };
}
