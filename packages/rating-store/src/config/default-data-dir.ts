import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The default PGlite directory: `<repo>/.data/pglite`, where `<repo>` is the nearest directory above this file
 * holding `pnpm-workspace.yaml` (the same from `src/` under tsx and from `dist/`). Outside a checkout (a deployed
 * image) it falls back to `./.data/pglite` under the working directory.
 */
export function defaultPgliteDataDir(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return path.join(dir, '.data', 'pglite');
    if (path.dirname(dir) === dir) return path.resolve('.data', 'pglite');
  }
}
