import { z } from 'zod';
import { allConfigEnvNames, appConfigModule, runConfigCases } from './support/app-config';
import { WORKER_QUEUES } from './support/images';
import { exists, read, readPackageJson } from './support/repo';

/** Procfile lines `name: command`. */
function procfile(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of read('Procfile').split('\n').filter((l) => l.trim() !== '')) {
    const m = /^([a-z_]+):\s+(.+)$/.exec(line);
    if (!m) throw new Error(`Procfile line is not "name: command": ${line}`);
    if (out.has(m[1])) throw new Error(`Procfile defines ${m[1]} twice`);
    out.set(m[1], m[2].trim().split(/\s+/));
  }
  return out;
}

const appJsonSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    keywords: z.array(z.string()).optional(),
    stack: z.string(),
    buildpacks: z.array(z.object({ url: z.string() }).strict()),
    formation: z.record(z.string(), z.object({ quantity: z.number().int().min(0), size: z.string() }).strict()),
    addons: z.array(z.object({ plan: z.string(), as: z.string().optional() }).strict()),
    env: z.record(
      z.string(),
      z.object({ description: z.string().min(10), value: z.string().optional(), required: z.boolean().optional(), generator: z.literal('secret').optional() }).strict(),
    ),
  })
  .strict();

const appJson = () => appJsonSchema.parse(JSON.parse(read('app.json')));

/** Process name → app: web is the api, worker_<x> is worker-<x>. */
const appOf = (proc: string): string => (proc === 'web' ? 'api' : proc.replace('_', '-'));

describe('Procfile', () => {
  it('declares the seed’s process names: web, worker_default, worker_spotify, worker_leaderboard', () => {
    expect([...procfile().keys()].filter((k) => k !== 'release').sort()).toEqual(['web', 'worker_default', 'worker_leaderboard', 'worker_spotify']);
  });

  it('starts each process with node on the app’s built entry (package.json main), never through pnpm/npm', () => {
    for (const [proc, argv] of procfile()) {
      if (proc === 'release') continue;
      const app = appOf(proc);
      expect([proc, argv[0]]).toEqual([proc, 'node']);
      expect(argv[1]).toBe(`apps/${app}/${readPackageJson(`apps/${app}`).main}`);
      expect(exists(`apps/${app}/src/index.ts`)).toBe(true);
    }
  });

  it('gives each worker its own queue; only worker_spotify consumes spotify', () => {
    for (const [app, queue] of Object.entries(WORKER_QUEUES)) {
      expect(procfile().get(app.replace('-', '_'))?.slice(2)).toEqual(['--queues', queue]);
    }
    const spotifyConsumers = [...procfile()].filter(([, argv]) => argv.join(' ').includes('--queues spotify'));
    expect(spotifyConsumers.map(([p]) => p)).toEqual(['worker_spotify']);
  });

  it('the build Heroku runs exists: the root `build` script and a pinned packageManager', () => {
    expect(readPackageJson('.').scripts?.build).toMatch(/turbo run build/);
    expect(readPackageJson('.').packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
  });
});

describe('app.json', () => {
  it('has a formation entry for every Procfile process, one dyno each, worker_spotify exactly 1', () => {
    const formation = appJson().formation;
    expect(Object.keys(formation).sort()).toEqual([...procfile().keys()].filter((k) => k !== 'release').sort());
    expect(formation.worker_spotify.quantity).toBe(1);
    for (const f of Object.values(formation)) expect(f.quantity).toBe(1);
  });

  it('provisions Heroku Redis and Heroku Postgres (ratings) and builds with the Node.js buildpack', () => {
    expect(appJson().addons.map((a) => a.plan.split(':')[0])).toEqual(expect.arrayContaining(['heroku-redis', 'heroku-postgresql']));
    // DATABASE_URL comes from the add-on, and Supabase settings would conflict with it.
    expect(Object.keys(appJson().env).filter((k) => k === 'DATABASE_URL' || k.startsWith('SUPABASE_URL'))).toEqual([]);
    expect(appJson().buildpacks).toEqual([{ url: 'heroku/nodejs' }]);
  });

  it('describes every variable; secrets are required and have no value; names are ones the apps read', () => {
    // Read by tools rather than by the apps' config modules: turbo (the build) and node-postgres (PGSSLMODE).
    const known = new Set([...allConfigEnvNames(), 'TURBO_TELEMETRY_DISABLED', 'PGSSLMODE']);
    for (const [name, v] of Object.entries(appJson().env)) {
      expect([name, known.has(name)]).toEqual([name, true]);
      if (/SECRET|TOKEN|KEY|PASSWORD/.test(name) || name === 'SPOTIFY_CLIENT_ID') {
        expect([name, v.value]).toEqual([name, undefined]);
        expect([name, v.required === true || v.generator === 'secret']).toEqual([name, true]);
      }
    }
    // A public deployment must check real access tokens, never run in dev auth mode (no SUPABASE_URL/JWT secret).
    expect(appJson().env.SUPABASE_JWT_SECRET.required).toBe(true);
    expect(appJson().env.SUPABASE_JWT_ISSUER.required).toBe(true);
    // Heroku dynos cannot reach an emulator: the real Spotify endpoints must be configured.
    expect(appJson().env.SPOTIFY_API_URL.value).toBe('https://api.spotify.com/v1');
    expect(appJson().env.SPOTIFY_ACCOUNTS_URL.value).toBe('https://accounts.spotify.com');
  });
});

describe('a Heroku dyno’s environment', () => {
  it('is accepted by every app’s configuration (app.json values, the add-ons’ REDIS_URL and DATABASE_URL, PORT)', () => {
    const env: Record<string, string> = {
      REDIS_URL: 'rediss://:p4ssw0rd@ec2-1-2-3-4.compute-1.amazonaws.com:12345',
      DATABASE_URL: 'postgres://u1:p2@ec2-5-6-7-8.compute-1.amazonaws.com:5432/d3',
      PORT: '41234',
      DYNO: 'web.1',
    };
    // A `generator: secret` value is 64 hex characters; required ones get a long placeholder; optional ones stay unset.
    for (const [name, v] of Object.entries(appJson().env)) {
      if (v.value !== undefined) env[name] = v.value;
      else if (v.generator) env[name] = 'a1'.repeat(32);
      else if (v.required) env[name] = `placeholder-${name.toLowerCase()}-0123456789abcdef`;
    }
    const apps = [...procfile().keys()].filter((k) => k !== 'release').map(appOf);
    const results = runConfigCases(apps.map((app) => ({ label: `heroku/${app}`, module: appConfigModule(app), exportName: 'loadConfig', env })));
    for (const r of results) expect([r.label, r.ok, r.error]).toEqual([r.label, true, undefined]);
  });
});

describe('Heroku Key-Value Store (rediss:// with a self-signed certificate)', () => {
  it('app.json accepts the self-signed certificate, and says what that costs', () => {
    const setting = appJson().env.REDIS_TLS_REJECT_UNAUTHORIZED;
    expect(setting?.value).toBe('false');
    expect(setting?.description).toMatch(/self-signed/);
    expect(setting?.description).toMatch(/not verify/);
  });

  it('every Procfile app parses the add-on\'s rediss:// URL with that setting, and keeps strict verification without it', () => {
    const apps = [...procfile().keys()].filter((k) => k !== 'release').map(appOf);
    const env = { REDIS_URL: 'rediss://:secret@ec2-1-2-3-4.compute-1.amazonaws.com:12345', REDIS_TLS_REJECT_UNAUTHORIZED: 'false', DATABASE_URL: 'postgres://u:p@h:5432/d' };
    const results = runConfigCases(apps.map((app) => ({ label: app, module: appConfigModule(app), exportName: 'loadConfig', env })));
    for (const r of results) {
      expect([r.label, r.ok, r.error]).toEqual([r.label, true, undefined]);
      const redis = (r.value as { redis: { tls: { rejectUnauthorized: boolean } } }).redis;
      expect([r.label, redis.tls.rejectUnauthorized]).toEqual([r.label, false]);
    }
    const strict = runConfigCases(apps.map((app) => ({ label: app, module: appConfigModule(app), exportName: 'loadConfig', env: { ...env, REDIS_TLS_REJECT_UNAUTHORIZED: '' } })));
    for (const r of strict) expect([r.label, (r.value as { redis: { tls: { rejectUnauthorized: boolean } } }).redis.tls.rejectUnauthorized]).toEqual([r.label, true]);
  });
});
