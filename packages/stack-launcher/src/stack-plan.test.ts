import path from 'node:path';
import { loadStackConfig } from './config';
import { appEnv, EMBEDDED_POSTGRES, planStack } from './stack-plan';

const ROOT = '/srv/albumboard';

describe('planStack', () => {
  it('starts the embedded Postgres first, stopped last, and points every app at it', () => {
    const env = { STACK_ROOT: ROOT, PATH: '/usr/bin' };
    const specs = planStack(loadStackConfig(env, false), env);
    expect(specs.map((s) => s.name)).toEqual([EMBEDDED_POSTGRES, 'spotify-emulator', 'api', 'worker-default', 'worker-spotify', 'worker-leaderboard']);
    const [pg, ...apps] = specs;
    expect(pg.args).toEqual([path.join(ROOT, 'packages/rating-store/dist/embedded/embedded-postgres.main.js')]);
    expect(pg.env).toMatchObject({ EMBEDDED_PG_PORT: '54329', PGLITE_DATA_DIR: path.join(ROOT, '.data/pglite'), PATH: '/usr/bin' });
    expect(pg.ready).toBeDefined();
    expect(pg.stopAfterOthers).toBe(true);
    for (const app of apps) expect(app.env?.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:54329/postgres');
    expect(apps.find((s) => s.name === 'api')?.args).toEqual([path.join(ROOT, 'apps/api/dist/index.js')]);
  });

  it('leaves a configured database alone and starts no embedded Postgres', () => {
    const env = { STACK_ROOT: ROOT, DATABASE_URL: 'postgres://app@db:5432/albums' };
    const specs = planStack(loadStackConfig(env, false), env);
    expect(specs.map((s) => s.name)).not.toContain(EMBEDDED_POSTGRES);
    for (const spec of specs) expect(spec.env?.DATABASE_URL).toBe('postgres://app@db:5432/albums');
  });
});

describe('appEnv', () => {
  it('points the apps at the emulator when it runs, unless the Spotify URLs are set', () => {
    const config = loadStackConfig({ EMULATOR_PORT: '4999' }, false);
    expect(appEnv('api', config, {})).toMatchObject({ SPOTIFY_API_URL: 'http://127.0.0.1:4999/v1', SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:4999' });
    const own = { SPOTIFY_API_URL: 'http://mock:1/v1', SPOTIFY_ACCOUNTS_URL: 'http://mock:1' };
    expect(appEnv('worker-spotify', config, own)).toMatchObject(own);
    const withoutEmulator = loadStackConfig({ SPOTIFY_CLIENT_ID: 'real' }, false);
    expect(appEnv('api', withoutEmulator, {})).not.toHaveProperty('SPOTIFY_API_URL');
  });

  it('gives each worker its own health port and none to the other apps', () => {
    const env = { WORKER_HEALTH_PORT: '8081' };
    const config = loadStackConfig(env, false);
    expect(appEnv('worker-default', config, env).WORKER_HEALTH_PORT).toBe('8081');
    expect(appEnv('worker-spotify', config, env).WORKER_HEALTH_PORT).toBe('8082');
    expect(appEnv('worker-leaderboard', config, env).WORKER_HEALTH_PORT).toBe('8083');
    expect(appEnv('api', config, env)).not.toHaveProperty('WORKER_HEALTH_PORT');
    expect(appEnv('worker-default', loadStackConfig({}, false), {})).not.toHaveProperty('WORKER_HEALTH_PORT');
  });
});
