import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the migrations are: `dist/migrations` (copied there by `pnpm build`, so a deployed package
 * carries them), else the repository's `infra/supabase/migrations` found by walking up from here
 * (running from the sources, e.g. under ts-jest).
 */
export function defaultMigrationsDir(): string {
  const bundled = path.resolve(__dirname, '..', 'migrations');
  if (existsSync(bundled)) return bundled;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'infra', 'supabase', 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return bundled;
    dir = parent;
  }
}
