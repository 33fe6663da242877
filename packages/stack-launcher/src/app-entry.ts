import fs from 'node:fs';
import path from 'node:path';
import type { StackApp } from './config';

/** The compiled entry file of an app: `apps/<app>/dist/index.js` (the emulator's CLI is `dist/main.js`). */
export function appEntry(root: string, app: StackApp): string {
  return path.join(root, 'apps', app, 'dist', `${entryName(app)}.js`);
}

function entryName(app: StackApp): string {
  return app === 'spotify-emulator' ? 'main' : 'index';
}

/**
 * Watch mode (`pnpm dev`): `tsx watch src/<entry>.ts` in the app's directory, with the repository's tsx and
 * `tsconfig.watch.json`, whose `paths` resolve the workspace packages (`@albumboard/*`) to their sources. tsx restarts
 * the app once when a file it imports changes, its own or a package's: nothing to build, and only the apps that import
 * the edited file restart. (Importing the packages' dist instead, `pnpm build` after an edit rebuilt every dependent
 * package and restarted each app once per rewritten file: 11 packages in 262 s and 4–5 restarts per app, measured.)
 */
export function watchEntry(root: string, app: StackApp): { args: string[]; cwd: string } {
  const tsxCli = path.join(path.dirname(require.resolve('tsx/package.json', { paths: [root] })), 'dist', 'cli.mjs');
  const tsconfig = path.join(root, 'tsconfig.watch.json');
  return { args: [tsxCli, 'watch', '--clear-screen=false', '--tsconfig', tsconfig, path.join('src', `${entryName(app)}.ts`)], cwd: path.join(root, 'apps', app) };
}

/** The embedded PostgreSQL runner, beside this file (the launcher's own dist). */
export function embeddedPostgresEntry(): string {
  return path.join(__dirname, 'embedded-postgres.main.js');
}

/** Throws with a clear line when an entry file has not been built. */
export function assertBuilt(files: readonly string[]): void {
  const missing = files.filter((f) => f.endsWith('.js') && !fs.existsSync(f));
  if (missing.length > 0) throw new Error(`Not built: ${missing.join(', ')}. Run \`pnpm build\` first.`);
}
