import path from 'node:path';
import { defaultPgliteDataDir } from './default-data-dir';

describe('defaultPgliteDataDir', () => {
  it('is .data/pglite at the repository root (the directory with pnpm-workspace.yaml)', () => {
    const repo = path.resolve(__dirname, '../../../..');
    expect(defaultPgliteDataDir(__dirname)).toBe(path.join(repo, '.data', 'pglite'));
    expect(defaultPgliteDataDir(path.join(repo, 'apps', 'api', 'dist', 'cli'))).toBe(path.join(repo, '.data', 'pglite'));
  });

  it('falls back to the working directory outside a checkout', () => {
    expect(defaultPgliteDataDir(path.parse(process.cwd()).root)).toBe(path.resolve('.data', 'pglite'));
  });
});
