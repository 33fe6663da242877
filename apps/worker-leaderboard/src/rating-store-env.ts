import { existsSync } from 'node:fs';
import path from 'node:path';
import { ratingStoreConfigSchema, type RatingStoreConfig } from '@albumboard/rating-store';
import { summarizeIssues } from '@albumboard/worker-runtime';

/** The repository root (the directory holding pnpm-workspace.yaml above `from`), else the working directory. */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

/**
 * The rating store settings: SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, or DATABASE_URL, or PGLITE_DATA_DIR
 * (default `<repo>/.data/pglite`). Returns the parsed config, or one line naming each bad variable.
 */
export function parseRatingStoreEnv(env: NodeJS.ProcessEnv, repoRoot = findRepoRoot()): { config?: RatingStoreConfig; problems?: string } {
  const parsed = ratingStoreConfigSchema.safeParse({
    SUPABASE_URL: env.SUPABASE_URL,
    SUPABASE_SERVICE_ROLE_KEY: env.SUPABASE_SERVICE_ROLE_KEY,
    DATABASE_URL: env.DATABASE_URL,
    PGLITE_DATA_DIR: env.PGLITE_DATA_DIR || path.join(repoRoot, '.data', 'pglite'),
  });
  return parsed.success ? { config: parsed.data } : { problems: summarizeIssues(parsed.error) };
}
