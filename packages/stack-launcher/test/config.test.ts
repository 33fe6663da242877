import { loadStackConfig } from '../src/config';

describe('loadStackConfig', () => {
  it('runs the emulator only when no Spotify credentials are set', () => {
    expect(loadStackConfig({}, false).apps).toEqual(['spotify-emulator', 'api', 'worker-default', 'worker-spotify', 'worker-leaderboard']);
    expect(loadStackConfig({ SPOTIFY_CLIENT_ID: 'real' }, false).apps).toEqual(['api', 'worker-default', 'worker-spotify', 'worker-leaderboard']);
    expect(loadStackConfig({ SPOTIFY_CLIENT_ID: 'real', STACK_EMULATOR: 'true' }, false).apps).toContain('spotify-emulator');
  });

  it('takes an explicit list in start order and refuses unknown names', () => {
    expect(loadStackConfig({ STACK_APPS: 'worker-spotify,api' }, false).apps).toEqual(['api', 'worker-spotify']);
    expect(() => loadStackConfig({ STACK_APPS: 'api,web' }, false)).toThrow('Invalid setting STACK_APPS: unknown app web');
  });

  it('names a malformed setting in one line', () => {
    expect(() => loadStackConfig({ STACK_GRACE_MS: 'soon' }, false)).toThrow(/^Invalid setting STACK_GRACE_MS/);
  });

  it('prefixes output on a terminal unless told otherwise', () => {
    expect(loadStackConfig({}, true).prefixOutput).toBe(true);
    expect(loadStackConfig({}, false).prefixOutput).toBe(false);
    expect(loadStackConfig({ STACK_PREFIX_OUTPUT: 'false' }, true).prefixOutput).toBe(false);
  });
});

describe('loadStackConfig: database and health ports', () => {
  it('serves the embedded Postgres when neither DATABASE_URL nor SUPABASE_URL is set', () => {
    expect(loadStackConfig({ STACK_ROOT: '/srv/app' }, false).embeddedPostgres).toEqual({ port: 54329, dataDir: '/srv/app/.data/postgres' });
    expect(loadStackConfig({ EMBEDDED_PG_PORT: '6543', EMBEDDED_PG_DATA_DIR: '/data/pg', DATABASE_URL: '' }, false).embeddedPostgres).toEqual({ port: 6543, dataDir: '/data/pg' });
    expect(loadStackConfig({ DATABASE_URL: 'postgres://db/app' }, false).embeddedPostgres).toBeUndefined();
    expect(loadStackConfig({ SUPABASE_URL: 'https://abc.supabase.co' }, false).embeddedPostgres).toBeUndefined();
  });

  it('does not serve it to apps that never open the database', () => {
    expect(loadStackConfig({ STACK_APPS: 'spotify-emulator,worker-spotify' }, false).embeddedPostgres).toBeUndefined();
    expect(loadStackConfig({ STACK_APPS: 'worker-leaderboard' }, false).embeddedPostgres).toBeDefined();
  });

  it('reads the worker health port base and refuses a malformed one', () => {
    expect(loadStackConfig({ WORKER_HEALTH_PORT: '8081' }, false).workerHealthPortBase).toBe(8081);
    expect(loadStackConfig({}, false).workerHealthPortBase).toBeUndefined();
    expect(() => loadStackConfig({ WORKER_HEALTH_PORT: 'x' }, false)).toThrow(/^Invalid setting WORKER_HEALTH_PORT/);
    expect(() => loadStackConfig({ EMBEDDED_PG_PORT: '70000' }, false)).toThrow(/^Invalid setting EMBEDDED_PG_PORT/);
  });
});
