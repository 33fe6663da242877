import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  all,
  dockerignorePatterns,
  execForm,
  isDockerIgnored,
  last,
  parseDockerfile,
  parseHealthcheck,
  stageEnv,
  type Dockerfile,
  type Stage,
} from './support/dockerfile';
import { IMAGES, missingImageSpecs, type ImageSpec } from './support/images';
import { appNames, catalog, exists, pinnedPnpmVersion, read, workspacePackageDirs } from './support/repo';

const load = (spec: ImageSpec): Dockerfile => parseDockerfile(read(spec.dockerfile));
const runner = (df: Dockerfile): Stage => df.stages[df.stages.length - 1];
const runs = (df: Dockerfile): string[] => df.stages.flatMap((s) => all(s, 'RUN').map((i) => i.args));

describe('one Dockerfile per app', () => {
  it('every app under apps/ has a Dockerfile and an entry in the image table', () => {
    expect(missingImageSpecs()).toEqual([]);
    for (const app of appNames()) expect(exists(`apps/${app}/Dockerfile`)).toBe(true);
    expect(exists('infra/single-container/Dockerfile')).toBe(true);
  });

  it('no Dockerfile at the repository root (the single-container image lives in infra/single-container)', () => {
    expect(exists('Dockerfile')).toBe(false);
  });
});

describe.each(IMAGES.map((i) => [i.name, i] as const))('%s Dockerfile', (_name, spec) => {
  const df = load(spec);
  const final = runner(df);

  it('builds from the pinned Node.js LTS base (node:24-bookworm-slim) and only refers to earlier stages', () => {
    const stageNames = new Set<string>();
    for (const stage of df.stages) {
      const from = stage.from.replace(/^\$\{?(\w+)\}?$/, (_m, arg: string) => df.globalArgs[arg] ?? `<unset ARG ${arg}>`);
      if (!stageNames.has(from)) {
        expect(from).toBe('node:24-bookworm-slim');
      }
      if (stage.name) stageNames.add(stage.name);
    }
    for (const ins of df.instructions.filter((i) => i.keyword === 'COPY')) {
      const m = /--from=(\S+)/.exec(ins.args);
      if (m) expect(stageNames).toContain(m[1]);
    }
  });

  it(`pins pnpm to packageManager (${pinnedPnpmVersion()}) and turbo to the catalog, never @latest`, () => {
    const text = read(spec.dockerfile);
    expect(text).not.toMatch(/@latest\b/);
    const pnpmPins = [...text.matchAll(/\bpnpm@([^\s"']+)/g)].map((m) => m[1]);
    expect(pnpmPins.length).toBeGreaterThan(0);
    expect(new Set(pnpmPins)).toEqual(new Set([pinnedPnpmVersion()]));
    const turboPins = [...text.matchAll(/\bturbo@([^\s"']+)/g)].map((m) => m[1]);
    expect(new Set(turboPins)).toEqual(new Set([catalog().turbo]));
    // An unpinned global install would float to whatever the registry serves that day.
    for (const run of runs(df)) expect(run).not.toMatch(/npm (i|install)\b[^&]*\s(pnpm|turbo)(\s|$)/);
  });

  it('prunes with turbo prune --docker, installs from the frozen pruned lockfile and deploys production deps', () => {
    const prune = runs(df).find((r) => r.includes('turbo prune'));
    expect(prune).toBeDefined();
    expect(prune).toContain('--docker');
    expect(prune).not.toContain('--scope');
    const pruned = [...(prune as string).matchAll(/@albumboard\/[\w-]+/g)].map((m) => m[0]);
    expect(new Set(pruned)).toEqual(new Set(spec.packages));
    const install = runs(df).find((r) => /\bpnpm install\b/.test(r));
    expect(install).toContain('--frozen-lockfile');
    const deploys = runs(df).filter((r) => r.includes(' deploy '));
    expect(deploys.length).toBeGreaterThan(0);
    for (const d of deploys) expect(d).toContain('--prod');
    const build = runs(df).find((r) => r.includes('turbo run build'));
    const built = [...(build as string).matchAll(/--filter=(@albumboard\/[\w-]+)/g)].map((m) => m[1]);
    expect(new Set(built)).toEqual(new Set(spec.packages));
    for (const pkg of spec.packages) expect(workspacePackageDirs().has(pkg)).toBe(true);
  });

  it('runs as the non-root node user in the final stage', () => {
    const users = all(final, 'USER').map((i) => i.args.trim());
    expect(users.length).toBeGreaterThan(0);
    const lastUser = users[users.length - 1];
    expect(lastUser).toBe('node');
    const userIndex = final.instructions.findIndex((i) => i.keyword === 'USER' && i.args.trim() === lastUser);
    const cmdIndex = final.instructions.findIndex((i) => i.keyword === 'CMD');
    expect(userIndex).toBeLessThan(cmdIndex);
  });

  it('starts node directly (exec form, no npm/pnpm wrapper) behind tini, installed in the runner', () => {
    const cmd = execForm(last(final, 'CMD')?.args ?? '');
    expect(cmd).toEqual(spec.cmd);
    const entrypoint = execForm(last(final, 'ENTRYPOINT')?.args ?? '');
    expect(entrypoint).toEqual(['/usr/bin/tini', '--']);
    const installs = all(final, 'RUN').map((i) => i.args).join('\n');
    expect(installs).toMatch(/apt-get install[^\n]*\btini\b/);
  });

  it('keeps apt layers small and reproducible', () => {
    for (const run of runs(df).filter((r) => r.includes('apt-get install'))) {
      expect(run).toMatch(/apt-get update/);
      expect(run).toMatch(/--no-install-recommends/);
      expect(run).toMatch(/(--yes|-y)\b/);
      expect(run).toMatch(/rm -rf \/var\/lib\/apt\/lists/);
    }
    for (const run of runs(df)) {
      expect(run).not.toMatch(/\bsudo\b/);
      expect(run).not.toMatch(/(^|&&|;)\s*cd\s/);
    }
  });

  it('copies no .env file, adds nothing from URLs and sets no secret in ENV or ARG', () => {
    for (const ins of df.instructions) {
      if (ins.keyword === 'ADD') throw new Error(`line ${ins.line}: use COPY, not ADD`);
      if (ins.keyword === 'COPY') expect(ins.args).not.toMatch(/(^|\s|\/)\.env\b/);
      if (ins.keyword === 'ENV' || ins.keyword === 'ARG') expect(ins.args).not.toMatch(/(SECRET|PASSWORD|TOKEN|_KEY)\w*=/i);
    }
  });

  it('declares a HEALTHCHECK on the health endpoint, in exec form, on the port the image configures', () => {
    const hc = last(final, 'HEALTHCHECK');
    expect(hc).toBeDefined();
    const parsed = parseHealthcheck(hc?.args ?? '');
    expect(parsed.command?.[0]).toBe('node');
    const script = parsed.command?.join(' ') ?? '';
    expect(script).toContain(spec.health.path);
    expect(script).toContain(`process.env.${spec.health.portEnv}||${spec.health.port}`);
    expect(parsed.options.timeout).toBeDefined();
    const env = stageEnv(final);
    if (spec.health.portEnv in env) expect(env[spec.health.portEnv]).toBe(String(spec.health.port));
    expect(all(final, 'EXPOSE').map((i) => i.args)).toContain(String(spec.health.port));
  });
});

describe('HEALTHCHECK commands behave', () => {
  let status = 200;
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(status).end('{}');
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const runHealthcheck = (spec: ImageSpec, env: Record<string, string>): Promise<number> => {
    const cmd = parseHealthcheck(last(runner(load(spec)), 'HEALTHCHECK')?.args ?? '').command as string[];
    return new Promise((resolve) => {
      execFile(process.execPath, cmd.slice(1), { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 }, (error) =>
        resolve(error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0),
      );
    });
  };

  it.each(IMAGES.map((i) => [i.name, i] as const))('%s: exit 0 on 200, 1 on 503, 1 when nothing listens', async (_n, spec) => {
    hits.length = 0;
    status = 200;
    await expect(runHealthcheck(spec, { [spec.health.portEnv]: String(port) })).resolves.toBe(0);
    expect(hits).toEqual([spec.health.path]);
    status = 503;
    await expect(runHealthcheck(spec, { [spec.health.portEnv]: String(port) })).resolves.toBe(1);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(runHealthcheck(spec, { [spec.health.portEnv]: String(freePort) })).resolves.toBe(1);
  });
});

describe('.dockerignore', () => {
  const patterns = dockerignorePatterns(read('.dockerignore'));

  it('keeps secrets, installed modules, build output and git history out of every build context', () => {
    for (const f of ['.env', '.env.local', 'apps/api/.env', '.git/HEAD', 'node_modules/x/index.js', 'apps/api/node_modules/y', 'apps/api/dist/index.js', 'packages/observability/dist/index.js', 'infra/k8s/overlays/managed-redis/secret.env']) {
      expect([f, isDockerIgnored(patterns, f)]).toEqual([f, true]);
    }
  });

  it('sends what the Dockerfiles need: manifests, lockfile, workspace config, sources, tsconfig.base.json', () => {
    const needed = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', 'turbo.json', 'tsconfig.base.json', 'apps/api/src/index.ts', 'apps/api/package.json', 'packages/queue-contracts/src/index.ts'];
    for (const f of needed) expect([f, isDockerIgnored(patterns, f)]).toEqual([f, false]);
    for (const spec of IMAGES) {
      for (const ins of load(spec).instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from'))) {
        const sources = ins.args.split(/\s+/).slice(0, -1).filter((s) => s !== '.');
        for (const s of sources) {
          expect([spec.dockerfile, s, exists(s)]).toEqual([spec.dockerfile, s, true]);
          expect([spec.dockerfile, s, isDockerIgnored(patterns, s)]).toEqual([spec.dockerfile, s, false]);
        }
      }
    }
  });
});
