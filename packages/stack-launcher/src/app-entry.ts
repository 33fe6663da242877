import fs from 'node:fs';
import path from 'node:path';
import type { StackApp } from './config';

/** The compiled entry file of an app: `apps/<app>/dist/index.js` (the emulator's CLI is `dist/main.js`). */
export function appEntry(root: string, app: StackApp): string {
  const file = app === 'spotify-emulator' ? 'main.js' : 'index.js';
  return path.join(root, 'apps', app, 'dist', file);
}

/** Throws with a clear line when an app has not been built. */
export function assertBuilt(root: string, apps: readonly StackApp[]): void {
  const missing = apps.map((a) => appEntry(root, a)).filter((f) => !fs.existsSync(f));
  if (missing.length > 0) throw new Error(`Not built: ${missing.join(', ')}. Run \`pnpm build\` first.`);
}
