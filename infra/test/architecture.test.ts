import fs from 'node:fs';
import path from 'node:path';
import { abs, appNames, readPackageJson } from './support/repo';

/**
 * The import rules of docs/architecture.md, read off the code: who may import what. A rule broken here is a design
 * change, to be made in the document first.
 */
const packageNames = (): string[] => fs.readdirSync(abs('packages')).filter((name) => fs.existsSync(abs(`packages/${name}/package.json`)));

/** The TypeScript files under `dir` (relative to the root), without build output and installed modules. */
function tsFiles(dir: string): string[] {
  if (!fs.existsSync(abs(dir))) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs(dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist'].includes(entry.name)) out.push(...tsFiles(rel));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The workspace modules a file imports (`@albumboard/<name>`, sub-paths folded), and relative imports that leave its package. */
function importsOf(file: string): { workspace: string[]; relative: string[] } {
  const text = fs.readFileSync(abs(file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return {
    workspace: [...new Set(specifiers.filter((s) => s.startsWith('@albumboard/')).map((s) => s.split('/').slice(0, 2).join('/').replace('@albumboard/', '')))],
    relative: specifiers.filter((s) => s.startsWith('.')).map((s) => path.normalize(path.join(path.dirname(file), s))),
  };
}

const APPS = appNames();
const sourceOf = (dir: string) => tsFiles(`${dir}/src`);
const testsOf = (dir: string) => tsFiles(`${dir}/test`);

describe('who may import what (docs/architecture.md)', () => {
  it('finds the apps and packages it checks', () => {
    expect(APPS).toEqual(expect.arrayContaining(['api', 'spotify-emulator', 'worker-default', 'worker-leaderboard', 'worker-spotify']));
    expect(packageNames()).toEqual(expect.arrayContaining(['queue-contracts', 'spotify-client', 'env-config', 'redis-connection']));
  });

  it.each(APPS.map((app) => [app]))('apps/%s: its source imports no other app, and nothing outside its folder by a relative path', (app) => {
    for (const file of sourceOf(`apps/${app}`)) {
      const { workspace, relative } = importsOf(file);
      expect([file, workspace.filter((name) => APPS.includes(name))]).toEqual([file, []]);
      expect([file, relative.filter((target) => !target.startsWith(`apps/${app}/`))]).toEqual([file, []]);
    }
  });

  it.each(packageNames().map((name) => [name]))('packages/%s: its source imports no app', (name) => {
    for (const file of sourceOf(`packages/${name}`)) {
      expect([file, importsOf(file).workspace.filter((target) => APPS.includes(target))]).toEqual([file, []]);
    }
  });

  it('queue-contracts imports nothing of the workspace (every producer and consumer depends on it, it on none)', () => {
    const files = sourceOf('packages/queue-contracts');
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) expect([file, importsOf(file).workspace]).toEqual([file, []]);
  });

  it('the emulator shares no code with the client: neither imports the other, nor the contracts (source and tests)', () => {
    // What it may share with the apps is how a process runs: its settings (env-config) and its logs (observability).
    const allowed = new Set(['env-config', 'observability']);
    for (const file of [...sourceOf('apps/spotify-emulator'), ...testsOf('apps/spotify-emulator')]) {
      expect([file, importsOf(file).workspace.filter((name) => !allowed.has(name))]).toEqual([file, []]);
    }
    for (const file of sourceOf('packages/spotify-client')) {
      expect([file, importsOf(file).workspace.filter((name) => name === 'spotify-emulator')]).toEqual([file, []]);
    }
  });

  it('tests live under test/, never beside the code in src/ (one convention)', () => {
    for (const dir of [...APPS.map((a) => `apps/${a}`), ...packageNames().map((p) => `packages/${p}`)]) {
      expect([dir, sourceOf(dir).filter((f) => f.endsWith('.test.ts'))]).toEqual([dir, []]);
    }
  });

  it("spotify-client's two halves stay apart: the HTTP client (src/http) and the worker proxy (src/proxy) never import each other", () => {
    const files = (dir: string) => tsFiles(`packages/spotify-client/src/${dir}`);
    expect(files('http').length).toBeGreaterThan(5);
    expect(files('proxy').length).toBeGreaterThan(3);
    for (const file of files('http')) expect([file, importsOf(file).relative.filter((t) => t.includes('/src/proxy/'))]).toEqual([file, []]);
    for (const file of files('proxy')) expect([file, importsOf(file).relative.filter((t) => t.includes('/src/http/'))]).toEqual([file, []]);
  });

  it('test-support is never a production dependency, and no source file imports it', () => {
    for (const dir of [...APPS.map((a) => `apps/${a}`), ...packageNames().map((p) => `packages/${p}`)]) {
      expect([dir, Object.keys(readPackageJson(dir).dependencies ?? {})]).not.toEqual([dir, expect.arrayContaining(['@albumboard/test-support'])]);
      for (const file of sourceOf(dir)) expect([file, importsOf(file).workspace.includes('test-support')]).toEqual([file, false]);
    }
  });

  it('every workspace module a source file imports is declared in its package.json dependencies', () => {
    for (const dir of [...APPS.map((a) => `apps/${a}`), ...packageNames().map((p) => `packages/${p}`)]) {
      const pkg = readPackageJson(dir);
      const declared = new Set(Object.keys(pkg.dependencies ?? {}).map((name) => name.replace('@albumboard/', '')));
      for (const file of sourceOf(dir).filter((f) => !f.includes('/test-support/'))) {
        expect([file, importsOf(file).workspace.filter((name) => name !== pkg.name.replace('@albumboard/', '') && !declared.has(name))]).toEqual([file, []]);
      }
    }
  });
});
