import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The repository root (infra/test/support → ../../..). */
export const ROOT = path.resolve(__dirname, '../../..');

export const abs = (rel: string): string => path.join(ROOT, rel);
export const exists = (rel: string): boolean => fs.existsSync(abs(rel));
export const read = (rel: string): string => fs.readFileSync(abs(rel), 'utf8');

/** Parses a YAML file of the repository (YAML 1.2: `on:` stays a string key; `<<` merge keys resolved). */
export function readYaml<T = unknown>(rel: string): T {
  return parseYaml(read(rel), { merge: true }) as T;
}

export interface PackageJson {
  name: string;
  main?: string;
  packageManager?: string;
  engines?: { node?: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  files?: string[];
}

export const readPackageJson = (dir: string): PackageJson => JSON.parse(read(path.join(dir, 'package.json'))) as PackageJson;

/** Every deployable app: a directory under apps/ with a package.json. */
export function appNames(): string[] {
  return fs
    .readdirSync(abs('apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && exists(`apps/${d.name}/package.json`))
    .map((d) => d.name)
    .sort();
}

/** Worker apps (the ones that consume a BullMQ queue). */
export const workerApps = (): string[] => appNames().filter((a) => a.startsWith('worker-'));

/** The pnpm version pinned by the root package.json's `packageManager` (e.g. `12.4.2`). */
export function pinnedPnpmVersion(): string {
  const pm = readPackageJson('.').packageManager ?? '';
  const match = /^pnpm@(\d+\.\d+\.\d+)$/.exec(pm);
  if (!match) throw new Error(`root package.json packageManager is not pnpm@x.y.z: ${pm}`);
  return match[1];
}

/** The workspace catalog (pnpm-workspace.yaml `catalog:`). */
export function catalog(): Record<string, string> {
  const ws = readYaml<{ catalog?: Record<string, string> }>('pnpm-workspace.yaml');
  return ws.catalog ?? {};
}

/** A workspace package's directory (relative to the root) by package name, e.g. `@albumboard/api` → `apps/api`. */
export function workspacePackageDirs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of ['apps', 'packages']) {
    for (const d of fs.readdirSync(abs(group), { withFileTypes: true })) {
      const rel = `${group}/${d.name}`;
      if (d.isDirectory() && exists(`${rel}/package.json`)) out.set(readPackageJson(rel).name, rel);
    }
  }
  return out;
}

/** The app and the workspace packages it depends on at run time (production dependencies, transitively). */
export function runtimeWorkspaceDirs(appDir: string): string[] {
  const dirs = workspacePackageDirs();
  const seen = new Set<string>([appDir]);
  const queue = [appDir];
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    for (const dep of Object.keys(readPackageJson(dir).dependencies ?? {})) {
      const depDir = dirs.get(dep);
      if (depDir && !seen.has(depDir)) {
        seen.add(depDir);
        queue.push(depDir);
      }
    }
  }
  return [...seen];
}

/** Every file under `dir` (relative to the root) whose name matches `pattern`, skipping node_modules and dist. */
export function listFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    if (!exists(rel)) return;
    for (const d of fs.readdirSync(abs(rel), { withFileTypes: true })) {
      const child = `${rel}/${d.name}`;
      if (d.isDirectory()) {
        if (d.name !== 'node_modules' && d.name !== 'dist' && !d.name.startsWith('.')) walk(child);
      } else if (pattern.test(d.name)) {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Source files (no tests) of a package. */
export const sourceFiles = (pkgDir: string): string[] =>
  listFiles(`${pkgDir}/src`, /\.ts$/).filter((f) => !/\.test\.ts$/.test(f) && !f.includes('/test-support/'));

/** Does any run-time source file of the app (or of the workspace packages it uses) contain `text`? */
export function appSourceContains(app: string, text: string): boolean {
  return runtimeWorkspaceDirs(`apps/${app}`).some((dir) => sourceFiles(dir).some((f) => read(f).includes(text)));
}

/**
 * Does the app (or a workspace package it runs) route `urlPath`? Either the whole path appears as a string
 * literal, or a router mount prefix and the route below it do (`app.use('/__emulator', …)` + `get('/stats', …)`).
 */
export function appServesPath(app: string, urlPath: string): boolean {
  const literal = (p: string): boolean => appSourceContains(app, `'${p}'`) || appSourceContains(app, `"${p}"`) || appSourceContains(app, `\`${p}\``);
  if (literal(urlPath)) return true;
  const parts = urlPath.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i += 1) {
    if (literal(`/${parts.slice(0, i).join('/')}`) && literal(`/${parts.slice(i).join('/')}`)) return true;
  }
  return false;
}
