import { execFileSync } from 'node:child_process';
import { ROOT, abs, exists, listFiles, read, runtimeWorkspaceDirs } from './repo';

/**
 * The environment variable names an app's configuration schema reads: the upper-case keys of its config
 * module(s) — `apps/<app>/src/config.ts` — and of the shared config schemas of the workspace packages it uses
 * (`packages/worker-runtime/src/env.ts`, the rating store's config schema, …).
 */
export function configFiles(): string[] {
  const files = [
    ...listFiles('apps', /^config\.ts$/),
    ...listFiles('packages', /^(env|config|.*-config\.schema|.*\.config)\.ts$/),
  ];
  return files.filter((f) => f.includes('/src/') && !f.includes('/test'));
}

const ENV_KEY = /^\s*["']?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)["']?\s*:/gm;

export function envNamesIn(file: string): string[] {
  return [...new Set([...read(file).matchAll(ENV_KEY)].map((m) => m[1]))].sort();
}

/** Every environment variable name any app or package config reads. */
export function allConfigEnvNames(): string[] {
  return [...new Set(configFiles().flatMap(envNamesIn))].sort();
}

export interface ConfigCase {
  /** A label for messages, e.g. `compose/api`. */
  label: string;
  /** The module that exports the loader, relative to the root. */
  module: string;
  /** The exported loader (`loadConfig`, `loadStackConfig`). */
  exportName: string;
  env: Record<string, string>;
  /** Extra arguments after `env` (e.g. `false` for loadStackConfig's isTty). */
  extraArgs?: unknown[];
  /** Instead of `(env, ...extraArgs)`: the exact arguments (JSON values). */
  args?: unknown[];
}

export interface ConfigResult {
  label: string;
  ok: boolean;
  error?: string;
  /** The loaded config (JSON), when ok. */
  value?: unknown;
}

/** The config module of an app (`apps/<app>/src/config.ts`). */
export function appConfigModule(app: string): string {
  const file = `apps/${app}/src/config.ts`;
  if (!exists(file)) throw new Error(`${file} does not exist: every app parses its settings there`);
  return file;
}

/**
 * Loads each case's module with the apps' own zod schemas (through tsx, in one child process so no type errors
 * of work in progress elsewhere get in the way) and calls the loader with exactly the given environment.
 */
export function runConfigCases(cases: ConfigCase[]): ConfigResult[] {
  const script = `
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const out = cases.map((c) => {
      try {
        const mod = require(c.file);
        const fn = mod[c.exportName];
        if (typeof fn !== 'function') return { label: c.label, ok: false, error: c.module + ' does not export ' + c.exportName };
        const value = c.args ? fn(...c.args) : fn(c.env, ...(c.extraArgs || []));
        return { label: c.label, ok: true, value: JSON.parse(JSON.stringify(value ?? null)) };
      } catch (e) {
        return { label: c.label, ok: false, error: e && e.message ? e.message : String(e) };
      }
    });
    process.stdout.write(JSON.stringify(out));
  `;
  const input = JSON.stringify(cases.map((c) => ({ ...c, file: abs(c.module) })));
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ConfigResult[];
}

/** The environment variable names one app reads: its own config module and those of the workspace packages it runs. */
export function configEnvNamesFor(app: string): string[] {
  const dirs = runtimeWorkspaceDirs(`apps/${app}`);
  const files = configFiles().filter((f) => dirs.some((d) => f.startsWith(`${d}/`)));
  return [...new Set(files.flatMap(envNamesIn))].sort();
}
