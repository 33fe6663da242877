import path from 'node:path';
import { findRepoRoot, loadEmbeddedPostgresConfig } from './embedded-postgres.config';

describe('loadEmbeddedPostgresConfig', () => {
  it('defaults to 127.0.0.1:54329 and <repo>/.data/pglite, empty values counting as unset', () => {
    expect(loadEmbeddedPostgresConfig({ EMBEDDED_PG_PORT: '' }, '/srv/app')).toEqual({
      port: 54329,
      host: '127.0.0.1',
      dataDir: path.join('/srv/app', '.data', 'pglite'),
      logLevel: 'info',
      logPretty: false,
    });
  });

  it('takes EMBEDDED_PG_PORT, EMBEDDED_PG_HOST and PGLITE_DATA_DIR', () => {
    const config = loadEmbeddedPostgresConfig({ EMBEDDED_PG_PORT: '6000', EMBEDDED_PG_HOST: '0.0.0.0', PGLITE_DATA_DIR: '/data/pg' }, '/x');
    expect(config).toMatchObject({ port: 6000, host: '0.0.0.0', dataDir: '/data/pg' });
  });

  it('names a malformed setting in one line', () => {
    expect(() => loadEmbeddedPostgresConfig({ EMBEDDED_PG_PORT: 'high' }, '/x')).toThrow(/^Invalid configuration: EMBEDDED_PG_PORT: [^\n]+$/);
  });

  it('finds the repository root from inside the package', () => {
    expect(findRepoRoot(__dirname)).toBe(path.resolve(__dirname, '../../../..'));
  });
});
