/**
 * No Docker engine runs here, so this replays each Dockerfile's recipe on the host, step for step, in a temporary
 * directory: the build context as .dockerignore filters it → the Dockerfile's own `turbo prune` command →
 * `pnpm install --frozen-lockfile` from the pruned lockfile (offline, from the local pnpm store) → the context files
 * the builder stage copies → the Dockerfile's own `pnpm deploy --prod` commands. It skips only the TypeScript build
 * (the workspace's `build` task covers it) and the apt/tini layer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { all, dockerignorePatterns, isDockerIgnored, parseDockerfile, type Stage } from './support/dockerfile';
import { IMAGES, type ImageSpec } from './support/images';
import { ROOT, read, readPackageJson, workspacePackageDirs } from './support/repo';

const TURBO = path.join(ROOT, 'node_modules', '.bin', 'turbo');
const patterns = dockerignorePatterns(read('.dockerignore'));
let work = '';
let context = '';

const sh = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } });

/** Splits a RUN line into argv words, dropping double quotes the way the shell would (no escapes in the recipes). */
const words = (cmd: string): string[] => (cmd.match(/(?:"[^"]*"|[^\s"])+/g) ?? []).map((w) => w.replace(/"/g, ''));

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'albumboard-recipe-'));
  context = path.join(work, 'context');
  // The build context: the repository minus what .dockerignore drops (this also drops .git, as in a real build).
  fs.cpSync(ROOT, context, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(ROOT, src).split(path.sep).join('/');
      return rel === '' || !isDockerIgnored(patterns, rel);
    },
  });
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const builderStage = (spec: ImageSpec): Stage => {
  const df = parseDockerfile(read(spec.dockerfile));
  const stage = df.stages.find((s) => s.name === 'builder');
  if (!stage) throw new Error(`${spec.dockerfile} has no builder stage`);
  return stage;
};

describe.each(IMAGES.map((i) => [i.name, i] as const))('%s image recipe', (name, spec) => {
  const df = parseDockerfile(read(spec.dockerfile));
  const out = () => path.join(work, name, 'out');
  const builder = () => path.join(work, name, 'repo');
  const prod = () => path.join(work, name, 'prod');

  it('turbo prune (as written in the Dockerfile) gives a pruned lockfile and every package the image needs', () => {
    const prune = df.stages.flatMap((s) => all(s, 'RUN')).find((r) => r.args.includes('turbo prune'));
    const argv = words((prune?.args ?? '').replace('--out-dir /out', `--out-dir ${out()}`));
    expect(argv[0]).toBe('turbo');
    sh(TURBO, argv.slice(1), context);
    expect(fs.existsSync(path.join(out(), 'json', 'pnpm-lock.yaml'))).toBe(true);
    const dirs = workspacePackageDirs();
    for (const pkg of spec.packages) {
      expect(fs.existsSync(path.join(out(), 'full', dirs.get(pkg) as string, 'src'))).toBe(true);
      expect(fs.existsSync(path.join(out(), 'json', dirs.get(pkg) as string, 'package.json'))).toBe(true);
    }
  });

  it('pnpm install --frozen-lockfile succeeds on the pruned workspace; copied files complete it for the build', () => {
    fs.cpSync(path.join(out(), 'json'), builder(), { recursive: true });
    const stage = builderStage(spec);
    const copies = all(stage, 'COPY');
    const applyCopies = (upTo: number): void => {
      for (const c of copies.filter((x) => x.line < upTo && !x.args.includes('--from'))) {
        // COPY semantics: a directory's contents go into dest; a file goes into dest/ (when dest ends with /) or to dest.
        const parts = c.args.split(/\s+/);
        const dest = parts[parts.length - 1];
        for (const src of parts.slice(0, -1)) {
          const from = path.join(context, src);
          const into = fs.statSync(from).isDirectory() || !dest.endsWith('/') ? path.join(builder(), dest) : path.join(builder(), dest, path.basename(src));
          fs.cpSync(from, into, { recursive: true });
        }
      }
    };
    const install = all(stage, 'RUN').find((r) => /pnpm install/.test(r.args));
    applyCopies(install?.line ?? 0);
    const argv = words(install?.args ?? '');
    sh('pnpm', [...argv.slice(1), '--offline', '--trust-lockfile'], builder());
    fs.cpSync(path.join(out(), 'full'), builder(), { recursive: true });
    applyCopies(Number.MAX_SAFE_INTEGER);

    // Everything the install and the build read from the workspace root is there.
    for (const f of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', 'turbo.json', '.npmrc', 'tsconfig.base.json']) {
      expect([f, fs.existsSync(path.join(builder(), f))]).toEqual([f, true]);
    }
    // Every tsconfig `extends` of the pruned packages resolves inside the builder's tree.
    const dirs = [...workspacePackageDirs().values()].filter((d) => fs.existsSync(path.join(builder(), d)));
    for (const d of dirs) {
      for (const file of fs.readdirSync(path.join(builder(), d)).filter((f) => /^tsconfig.*\.json$/.test(f))) {
        const ext = (JSON.parse(fs.readFileSync(path.join(builder(), d, file), 'utf8')) as { extends?: string }).extends;
        if (ext?.startsWith('.')) expect([`${d}/${file}`, fs.existsSync(path.resolve(builder(), d, ext))]).toEqual([`${d}/${file}`, true]);
      }
    }
    // Build steps other than tsc (e.g. the rating store copying its SQL migrations) find their inputs in the tree.
    for (const d of dirs) {
      const build = JSON.parse(fs.readFileSync(path.join(builder(), d, 'package.json'), 'utf8')).scripts?.build ?? '';
      for (const step of build.split('&&').map((x: string) => x.trim()).filter((x: string) => /^node \S+\.c?js$/.test(x))) {
        const script = step.split(' ')[1];
        const result = (() => {
          try {
            sh(process.execPath, [script], path.join(builder(), d));
            return 'ok';
          } catch (error) {
            return String((error as { stderr?: string }).stderr ?? error).split('\n').find((l) => /Error/.test(l)) ?? 'failed';
          }
        })();
        expect([`${d}: ${step}`, result]).toEqual([`${d}: ${step}`, 'ok']);
      }
    }
    expect(fs.existsSync(path.join(builder(), 'node_modules', '.bin', 'turbo'))).toBe(true);
    expect(fs.existsSync(path.join(builder(), 'node_modules', '.bin', 'tsc')) || fs.existsSync(path.join(builder(), 'node_modules', 'typescript'))).toBe(true);
  });

  it('pnpm deploy --prod writes a self-contained app: its production dependencies resolve, dev ones are absent', () => {
    const stage = builderStage(spec);
    const deployRun = all(stage, 'RUN').find((r) => r.args.includes(' deploy '));
    // Expand the single-container loop the same way the shell would.
    const commands: string[][] = [];
    const loop = /for app in ([^;]+); do\s*(.*?);\s*done/.exec(deployRun?.args ?? '');
    if (loop) {
      for (const app of loop[1].trim().split(/\s+/)) commands.push(words(loop[2].replace(/\$\{app\}/g, app)));
      const tail = (deployRun?.args ?? '').split('done;')[1];
      if (tail) commands.push(words(tail.trim()));
    } else {
      commands.push(words(deployRun?.args ?? ''));
    }
    const dirs = workspacePackageDirs();
    expect(commands.map((c) => c.find((w) => w.startsWith('--filter='))?.slice('--filter='.length)).sort()).toEqual([...spec.packages].sort());
    for (const cmd of commands) {
      const target = cmd[cmd.length - 1];
      const dest = path.join(prod(), path.relative('/prod', target));
      sh('pnpm', [...cmd.slice(1, -1), '--offline', '--trust-lockfile', dest], builder());
      const pkgName = cmd.find((w) => w.startsWith('--filter='))?.slice('--filter='.length) as string;
      const manifest = readPackageJson(dirs.get(pkgName) as string);
      expect(JSON.parse(fs.readFileSync(path.join(dest, 'package.json'), 'utf8')).name).toBe(pkgName);
      for (const dep of Object.keys(manifest.dependencies ?? {})) {
        expect([pkgName, dep, fs.existsSync(path.join(dest, 'node_modules', dep, 'package.json'))]).toEqual([pkgName, dep, true]);
      }
      for (const dev of Object.keys(manifest.devDependencies ?? {}).filter((d) => !(d in (manifest.dependencies ?? {})))) {
        expect([pkgName, dev, fs.existsSync(path.join(dest, 'node_modules', dev))]).toEqual([pkgName, dev, false]);
      }
      // Nor anywhere deeper: no PGlite (gone) and no TypeScript compiler (an optional peer of valibot, dropped by
      // .pnpmfile.cjs) in any production tree.
      const store = fs.readdirSync(path.join(dest, 'node_modules', '.pnpm'));
      expect([pkgName, store.filter((entry) => /^(typescript|@electric-sql\+pglite|ts-jest|jest|tsx)@/.test(entry))]).toEqual([pkgName, []]);
    }
  });

  it('the CMD script is what the package builds (dist/<x>.js from src/<x>.ts), where the runner copies it', () => {
    const final = df.stages[df.stages.length - 1];
    const copy = all(final, 'COPY').find((c) => c.args.includes('--from=builder'));
    const [, from, to] = /--from=builder\s+(\S+)\s+(\S+)/.exec(copy?.args ?? '') ?? [];
    expect(to).toBe('./');
    const script = spec.cmd[1];
    // /prod/<app> → the package dir, /prod/ (single container) → the repository layout.
    const pkgDir = from === '/prod/' ? path.dirname(path.dirname(script)) : workspacePackageDirs().get(spec.packages[0]);
    const inPkg = from === '/prod/' ? path.relative(pkgDir as string, script) : script;
    const source = path.join(pkgDir as string, inPkg.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));
    expect([source, fs.existsSync(path.join(ROOT, source))]).toEqual([source, true]);
    const tsconfig = JSON.parse(read(path.join(pkgDir as string, 'tsconfig.json'))) as { compilerOptions?: { outDir?: string; rootDir?: string } };
    expect(tsconfig.compilerOptions?.outDir).toBe('dist');
    expect(tsconfig.compilerOptions?.rootDir).toBe('src');
    expect(readPackageJson(pkgDir as string).files ?? ['dist']).toContain('dist');
  });
});
