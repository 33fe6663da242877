import path from 'node:path';
import { loadStackConfig } from '../src/config';
import { planRedis, redisFacts } from '../src/redis-plan';
import { appEnv, EMBEDDED_POSTGRES, planStack, PRIVATE_REDIS } from '../src/stack-plan';

const ROOT = '/srv/albumboard';

describe('planStack', () => {
  it('starts ONE embedded PostgreSQL first, stopped last, and points every app at it', () => {
    const env = { STACK_ROOT: ROOT, PATH: '/usr/bin' };
    const specs = planStack(loadStackConfig(env, false), env);
    expect(specs.map((s) => s.name)).toEqual([EMBEDDED_POSTGRES, 'spotify-emulator', 'api', 'worker-default', 'worker-spotify', 'worker-leaderboard']);
    const [pg, ...apps] = specs;
    expect(pg.args).toEqual([path.resolve(__dirname, '../src/embedded-postgres.main.js')]);
    expect(pg.env).toMatchObject({ EMBEDDED_PG_PORT: '54329', EMBEDDED_PG_DATA_DIR: path.join(ROOT, '.data/postgres'), PATH: '/usr/bin' });
    expect(pg.ready).toBeDefined();
    expect(pg.stopAfterOthers).toBe(true);
    for (const app of apps) expect(app.env?.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:54329/postgres');
    expect(apps.find((s) => s.name === 'api')?.args).toEqual([path.join(ROOT, 'apps/api/dist/index.js')]);
  });

  it('in watch mode (pnpm dev) runs the same processes with the same settings, each app under tsx watch', () => {
    const root = path.resolve(__dirname, '../../..');
    const env = { STACK_ROOT: root, STACK_WATCH: 'true', EMULATOR_PORT: '4310', EMBEDDED_PG_PORT: '54339', PORT: '3310', QUEUE_PREFIX: 'dev' };
    const specs = planStack(loadStackConfig(env, false), env);
    const started = planStack(loadStackConfig({ ...env, STACK_WATCH: 'false' }, false), env);
    expect(specs.map((s) => s.name)).toEqual(started.map((s) => s.name));
    expect(specs.map((s) => s.env)).toEqual(started.map((s) => s.env));
    const spotify = specs.find((s) => s.name === 'worker-spotify')!;
    expect(spotify.env).toMatchObject({ SPOTIFY_API_URL: 'http://127.0.0.1:4310/v1', SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:4310', QUEUE_PREFIX: 'dev' });
    expect(spotify.cwd).toBe(path.join(root, 'apps/worker-spotify'));
    expect(spotify.args.slice(1)).toEqual(['watch', '--clear-screen=false', '--tsconfig', path.join(root, 'tsconfig.watch.json'), 'src/index.ts']);
    expect(spotify.args[0]).toMatch(/tsx[/\\]dist[/\\]cli\.mjs$/);
    expect(specs.find((s) => s.name === 'spotify-emulator')!.args.at(-1)).toBe('src/main.ts');
    for (const app of ['api', 'worker-default', 'worker-leaderboard']) {
      expect(specs.find((s) => s.name === app)!.env).toMatchObject({ DATABASE_URL: 'postgres://postgres@127.0.0.1:54339/postgres', PORT: '3310' });
    }
    expect(specs.filter((s) => s.name === EMBEDDED_POSTGRES)).toHaveLength(1);
    expect(specs.find((s) => s.name === EMBEDDED_POSTGRES)!.args).toEqual(started.find((s) => s.name === EMBEDDED_POSTGRES)!.args);
  });

  it('starts a private redis-server before the apps (stopped last) when none answers, and gives them its URL', () => {
    const env = { STACK_ROOT: ROOT, STACK_REDIS_PORT: '6399', DATABASE_URL: 'postgres://db/app' };
    const config = loadStackConfig(env, false);
    const redis = planRedis(config, { answers: false, redisServer: '/usr/bin/redis-server' });
    const specs = planStack(config, env, redis);
    expect(specs.map((s) => s.name)).toEqual([PRIVATE_REDIS, 'spotify-emulator', 'api', 'worker-default', 'worker-spotify', 'worker-leaderboard']);
    const [server, ...apps] = specs;
    expect(server.command).toBe('/usr/bin/redis-server');
    expect(server.args).toEqual(['--port', '6399', '--bind', '127.0.0.1', '--dir', path.join(ROOT, '.data/redis'), '--appendonly', 'yes', '--save', '', '--daemonize', 'no']);
    expect(server.stopAfterOthers).toBe(true);
    for (const app of apps) expect(app.env?.REDIS_URL).toBe('redis://127.0.0.1:6399');
  });
});

describe('planRedis', () => {
  const config = { redisGiven: false, redisProbePort: 6379, redisDataDir: '/r/.data/redis' };
  it('uses REDIS_URL as given, else a Redis that answers, else a private one, else none', () => {
    expect(planRedis({ ...config, redisGiven: true }, { answers: false })).toEqual({ kind: 'given' });
    expect(planRedis(config, { answers: true, redisServer: '/usr/bin/redis-server' })).toEqual({ kind: 'found', url: 'redis://127.0.0.1:6379' });
    expect(planRedis(config, { answers: false, redisServer: '/x/redis-server' })).toMatchObject({ kind: 'private', port: 6379, dataDir: '/r/.data/redis' });
    expect(planRedis(config, { answers: false })).toEqual({ kind: 'none', port: 6379 });
  });

  it('counts REDIS_URL, REDIS_CLUSTER_NODES and REDIS_SENTINELS each as Redis given, and nothing else', () => {
    const plan = (env: NodeJS.ProcessEnv) => planRedis(loadStackConfig({ STACK_ROOT: ROOT, ...env }, false), { answers: false, redisServer: '/usr/bin/redis-server' });
    expect(plan({ REDIS_URL: 'rediss://cloud:6380' })).toEqual({ kind: 'given' });
    expect(plan({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' })).toEqual({ kind: 'given' });
    expect(plan({ REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'mymaster' })).toEqual({ kind: 'given' });
    expect(plan({ REDIS_SENTINEL_NAME: 'mymaster' })).toMatchObject({ kind: 'private' });
  });

  it('probes nothing when REDIS_URL is set, and finds a dead port and redis-server on the PATH otherwise', async () => {
    expect(await redisFacts({ redisGiven: true, redisProbePort: 1 }, {})).toEqual({ answers: true });
    const facts = await redisFacts({ redisGiven: false, redisProbePort: 1 }, { PATH: '/nowhere:/usr/bin' });
    expect(facts.answers).toBe(false);
    expect(facts.redisServer).toBe('/usr/bin/redis-server');
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
