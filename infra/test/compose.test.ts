import { execFile } from 'node:child_process';
import path from 'node:path';
import { appConfigModule, configEnvNamesFor, runConfigCases, type ConfigCase } from './support/app-config';
import { COMPOSE_ONLY, composeVariables, interpolate, readCompose, serviceEnvironment, type ComposeService } from './support/compose';
import { parseDockerfile, execForm, last } from './support/dockerfile';
import { IMAGES, WORKER_QUEUES } from './support/images';
import { ROOT, appNames, read } from './support/repo';

const compose = readCompose();
const service = (name: string): ComposeService => {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};
/** Container variables of the third-party images. */
const THIRD_PARTY = ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'];

describe('docker-compose.yml services', () => {
  it('has one service per app, built from the app’s Dockerfile with the repository root as context', () => {
    for (const app of appNames()) {
      const s = service(app);
      expect(s.build).toEqual({ context: '.', dockerfile: `apps/${app}/Dockerfile` });
      expect(s.image).toBe(`albumboard-${app}:local`);
    }
  });

  it('runs exactly one worker-spotify (deploy.replicas 1)', () => {
    expect(service('worker-spotify').deploy?.replicas).toBe(1);
  });

  it('starts each worker on its own queue, with the same command as its image', () => {
    for (const [app, queue] of Object.entries(WORKER_QUEUES)) {
      expect(service(app).command).toEqual(['node', 'dist/index.js', '--queues', queue]);
      const spec = IMAGES.find((i) => i.name === app);
      const df = parseDockerfile(read(spec?.dockerfile as string));
      expect(execForm(last(df.stages[df.stages.length - 1], 'CMD')?.args ?? '')).toEqual(service(app).command);
    }
  });

  it('waits on dependencies through healthchecks that exist', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [dep, cond] of Object.entries(s.depends_on ?? {})) {
        expect([name, dep, cond.condition]).toEqual([name, dep, 'service_healthy']);
        expect([dep, Boolean(compose.services[dep]?.healthcheck?.test?.length)]).toEqual([dep, true]);
      }
    }
    for (const app of appNames().filter((a) => a !== 'spotify-emulator')) expect(service(app).depends_on?.redis).toBeDefined();
  });

  it('gives every service a stop grace period and a restart policy', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect([name, s.stop_grace_period]).toEqual([name, expect.stringMatching(/^\d+s$/)]);
      expect([name, s.restart]).toEqual([name, 'unless-stopped']);
    }
  });

  it('redis keeps an append-only file on a volume and is checked with redis-cli ping', () => {
    const redis = service('redis');
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(redis.volumes).toEqual(['redis-data:/data']);
    expect(redis.image).toMatch(/^redis:7[.\d]*-alpine$/);
  });

  it('postgres keeps its data on a volume, publishes no port and is checked with pg_isready', () => {
    const pg = service('postgres');
    expect(pg.healthcheck?.test?.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
    expect(pg.image).toMatch(/^postgres:15[.\d]*-alpine$/);
    expect(pg.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(pg.ports).toBeUndefined();
  });

  it('the api and both workers that keep ratings share one database and wait for it', () => {
    const urls = new Set<string>();
    for (const app of ['api', 'worker-default', 'worker-leaderboard']) {
      urls.add(serviceEnvironment(service(app), {}).DATABASE_URL);
      expect(service(app).depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    }
    expect(urls.size).toBe(1);
    const url = new URL([...urls][0]);
    const pg = service('postgres').environment ?? {};
    expect([url.hostname, url.port, url.username, url.password, url.pathname.slice(1)]).toEqual(['postgres', '5432', pg.POSTGRES_USER, pg.POSTGRES_PASSWORD, pg.POSTGRES_DB]);
  });

  it('publishes the api on loopback only', () => {
    expect(service('api').ports).toEqual(['127.0.0.1:${API_PORT:-3000}:3000']);
  });
});

describe('docker compose up with no .env', () => {
  const noEnv: Record<string, string> = {};

  it('needs no variable: every ${VAR} has a default', () => {
    const text = read('docker-compose.yml');
    for (const [name, v] of composeVariables(text)) expect([name, v.hasDefault]).toEqual([name, true]);
  });

  it('starts every app service, the emulator, Redis and PostgreSQL', () => {
    const started = Object.entries(compose.services).filter(([, s]) => !s.profiles?.length).map(([n]) => n);
    expect(started.sort()).toEqual([...appNames(), 'postgres', 'redis'].sort());
    expect(interpolate(String(service('spotify-emulator').deploy?.replicas), noEnv)).toBe('1');
  });

  it('points Spotify calls at the emulator service with the emulator’s own development credentials', () => {
    const emulatorOptions = read('apps/spotify-emulator/src/options.ts');
    const devId = /EMULATOR_DEFAULT_CLIENT_ID = '([^']+)'/.exec(emulatorOptions)?.[1];
    const devSecret = /EMULATOR_DEFAULT_CLIENT_SECRET = '([^']+)'/.exec(emulatorOptions)?.[1];
    const emulatorEnv = serviceEnvironment(service('spotify-emulator'), noEnv);
    for (const app of ['api', 'worker-spotify']) {
      const env = serviceEnvironment(service(app), noEnv);
      expect(new URL(env.SPOTIFY_API_URL).host).toBe(`spotify-emulator:${emulatorEnv.EMULATOR_PORT}`);
      expect(new URL(env.SPOTIFY_ACCOUNTS_URL).host).toBe(`spotify-emulator:${emulatorEnv.EMULATOR_PORT}`);
      expect([env.SPOTIFY_CLIENT_ID, env.SPOTIFY_CLIENT_SECRET]).toEqual([devId, devSecret]);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
    }
    expect(emulatorEnv.EMULATOR_HOST).toBe('0.0.0.0');
  });

  it('gives every app a configuration its own schema accepts (image ENV + compose environment)', () => {
    const cases: ConfigCase[] = appNames().map((app) => {
      const spec = IMAGES.find((i) => i.name === app);
      const df = parseDockerfile(read(spec?.dockerfile as string));
      const imageEnv = Object.fromEntries(
        [...(df.stages[df.stages.length - 1].instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ').matchAll(/(\w+)=(\S+)/g))].map((m) => [m[1], m[2]]),
      );
      return { label: `compose/${app}`, module: appConfigModule(app), exportName: 'loadConfig', env: { ...imageEnv, ...serviceEnvironment(service(app), noEnv) } };
    });
    for (const r of runConfigCases(cases)) expect([r.label, r.ok, r.error]).toEqual([r.label, true, undefined]);
  });
});

describe('docker compose up with real Spotify credentials in .env', () => {
  const vars = {
    SPOTIFY_CLIENT_ID: 'real-id',
    SPOTIFY_CLIENT_SECRET: 'real-secret',
    SPOTIFY_API_URL: 'https://api.spotify.com/v1',
    SPOTIFY_ACCOUNTS_URL: 'https://accounts.spotify.com',
    SPOTIFY_EMULATOR_REPLICAS: '0',
  };

  it('drops the emulator and passes the credentials and URLs through unchanged', () => {
    expect(interpolate(String(service('spotify-emulator').deploy?.replicas), vars)).toBe('0');
    for (const app of ['api', 'worker-spotify']) {
      const env = serviceEnvironment(service(app), vars);
      expect(env).toMatchObject({ SPOTIFY_CLIENT_ID: 'real-id', SPOTIFY_CLIENT_SECRET: 'real-secret', SPOTIFY_API_URL: vars.SPOTIFY_API_URL });
    }
  });
});

describe('docker compose up with Supabase for ratings in .env', () => {
  const vars = { DATABASE_URL: '', SUPABASE_URL: 'https://abcdefgh.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'x'.repeat(40) };

  it('passes no DATABASE_URL, so every app that keeps ratings selects Supabase', () => {
    const cases: ConfigCase[] = ['api', 'worker-default', 'worker-leaderboard'].map((app) => ({
      label: `compose+supabase/${app}`,
      module: appConfigModule(app),
      exportName: 'loadConfig',
      env: serviceEnvironment(service(app), vars),
    }));
    for (const c of cases) expect(c.env.DATABASE_URL).toBe('');
    for (const r of runConfigCases(cases)) {
      expect([r.label, r.ok, r.error]).toEqual([r.label, true, undefined]);
      expect([r.label, JSON.stringify(r.value).includes('postgres://')]).toEqual([r.label, false]);
    }
  });
});

describe('compose environment names', () => {
  it('every variable passed to an app container is one that app’s configuration reads (no typos, no strays)', () => {
    for (const app of appNames()) {
      const known = new Set(configEnvNamesFor(app));
      for (const key of Object.keys(service(app).environment ?? {})) expect([app, key, known.has(key)]).toEqual([app, key, true]);
    }
  });

  it('every variable compose interpolates is documented in .env.example', () => {
    const example = read('.env.example');
    for (const name of composeVariables(read('docker-compose.yml')).keys()) {
      expect([name, new RegExp(`^#?\\s*${name}=`, 'm').test(example)]).toEqual([name, true]);
    }
    for (const name of COMPOSE_ONLY) expect(example).toMatch(new RegExp(`^#\\s*${name}=`, 'm'));
    // And the reverse: a variable .env.example offers must reach a container (or compose itself), or setting it does nothing.
    const used = new Set([...composeVariables(read('docker-compose.yml')).keys(), ...COMPOSE_ONLY]);
    for (const m of example.matchAll(/^#\s*([A-Z][A-Z0-9_]*)=/gm)) expect([m[1], used.has(m[1])]).toEqual([m[1], true]);
    for (const name of THIRD_PARTY) expect(Object.keys(service('postgres').environment ?? {})).toContain(name);
  });
});

describe('dclint', () => {
  it('passes with no errors and no warnings', async () => {
    const bin = path.join(ROOT, 'infra', 'node_modules', '.bin', 'dclint');
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(bin, ['docker-compose.yml', '--max-warnings', '0', '--color', 'false'], { cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0, out: `${stdout}${stderr}` }),
      );
    });
    expect(result).toEqual({ code: 0, out: expect.not.stringMatching(/error|warning/i) });
  });
});
