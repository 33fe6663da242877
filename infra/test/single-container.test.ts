/**
 * The single-container image runs the stack launcher with the image's ENV and whatever the platform adds. This
 * replays the launcher's own planning (its config and stack plan, through tsx) with exactly that environment and
 * checks every app accepts the environment the launcher hands it.
 */
import { appConfigModule, runConfigCases } from './support/app-config';
import { parseDockerfile, stageEnv } from './support/dockerfile';
import { appNames, read } from './support/repo';

const df = parseDockerfile(read('infra/single-container/Dockerfile'));
const imageEnv = stageEnv(df.stages[df.stages.length - 1]);

interface Plan {
  name: string;
  args: string[];
  env: Record<string, string>;
}

function plan(platformEnv: Record<string, string>): { config: Record<string, unknown>; specs: Plan[] } {
  const env = { ...imageEnv, ...platformEnv };
  const [config] = runConfigCases([{ label: 'stack config', module: 'packages/stack-launcher/src/config.ts', exportName: 'loadStackConfig', env, extraArgs: [false] }]);
  expect([config.ok, config.error]).toEqual([true, undefined]);
  const [specs] = runConfigCases([{ label: 'stack plan', module: 'packages/stack-launcher/src/stack-plan.ts', exportName: 'planStack', env, args: [config.value, env] }]);
  expect([specs.ok, specs.error]).toEqual([true, undefined]);
  return { config: config.value as Record<string, unknown>, specs: specs.value as Plan[] };
}

describe('single-container image', () => {
  it('with only REDIS_URL: every app, the emulator and the embedded PostgreSQL on the writable /data, from /app', () => {
    const { config, specs } = plan({ REDIS_URL: 'redis://redis.internal:6379' });
    expect(config.root).toBe('/app');
    expect(config.embeddedPostgres).toMatchObject({ dataDir: '/data/postgres' });
    expect(specs.map((s) => s.name).sort()).toEqual(['embedded-postgres', ...appNames()].sort());
    for (const spec of specs.filter((s) => appNames().includes(s.name))) {
      const entry = spec.name === 'spotify-emulator' ? 'main.js' : 'index.js';
      expect(spec.args[0]).toBe(`/app/apps/${spec.name}/dist/${entry}`);
    }
    // Every app accepts what the launcher gives it (image ENV + platform + embedded DATABASE_URL + emulator URLs).
    const results = runConfigCases(
      specs
        .filter((s) => appNames().includes(s.name))
        .map((s) => ({ label: `single-container/${s.name}`, module: appConfigModule(s.name), exportName: 'loadConfig', env: s.env })),
    );
    for (const r of results) expect([r.label, r.ok, r.error]).toEqual([r.label, true, undefined]);
    const api = specs.find((s) => s.name === 'api') as Plan;
    expect(api.env.DATABASE_URL).toMatch(/^postgres:\/\/\S+@127\.0\.0\.1:\d+\//);
    expect(api.env.PORT).toBe('3000');
  });

  it('with real credentials and a database: no emulator, no embedded Postgres', () => {
    const { specs } = plan({
      REDIS_URL: 'rediss://:pw@redis.example.com:6380',
      DATABASE_URL: 'postgres://u:p@db.example.com:5432/albumboard',
      SPOTIFY_CLIENT_ID: 'real-id',
      SPOTIFY_CLIENT_SECRET: 'real-secret',
    });
    expect(specs.map((s) => s.name).sort()).toEqual(appNames().filter((a) => a !== 'spotify-emulator').sort());
  });
});
