import fs from 'node:fs';
import path from 'node:path';
import { STACK_APPS, type StackApp } from './config';

/** The compiled entry file of an app: `apps/<app>/dist/index.js` (the emulator's CLI is `dist/main.js`). */
export function appEntry(root: string, app: StackApp): string {
  const file = app === 'spotify-emulator' ? 'main.js' : 'index.js';
  return path.join(root, 'apps', app, 'dist', file);
}

const EMBEDDED_PG_MAIN = path.join('@albumboard', 'rating-store', 'dist', 'embedded', 'embedded-postgres.main.js');

/**
 * The embedded Postgres CLI of @albumboard/rating-store: `<root>/packages/rating-store/dist/...` in the repository,
 * else the copy an app carries in its node_modules (the single-container image deploys apps, not packages).
 */
export function embeddedPostgresEntry(root: string): string {
  const candidates = [
    path.join(root, 'packages', 'rating-store', 'dist', 'embedded', 'embedded-postgres.main.js'),
    ...STACK_APPS.map((app) => path.join(root, 'apps', app, 'node_modules', EMBEDDED_PG_MAIN)),
  ];
  return candidates.find((file) => fs.existsSync(file)) ?? candidates[0];
}

/** Throws with a clear line when an entry file has not been built. */
export function assertBuilt(files: readonly string[]): void {
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length > 0) throw new Error(`Not built: ${missing.join(', ')}. Run \`pnpm build\` first.`);
}
