import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { REDIS_URL } from '@albumboard/test-support';

/** The built entry points the tests run as real processes (turbo builds them before `test`). */
export const WORKER_SPOTIFY_ENTRY = require.resolve('@albumboard/worker-spotify/dist/index.js');
export const API_ENTRY = join(__dirname, '..', '..', 'dist', 'index.js');
export const CHECK_ENTRY = join(__dirname, '..', '..', 'dist', 'cli', 'check.js');

/** A spawned Node process whose stdout and stderr are collected. */
export interface RunningProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything written so far (stdout then stderr interleaved as it came). */
  output(): string;
  /** Parsed JSON log lines written so far (non-JSON lines skipped). */
  lines(): Array<Record<string, unknown>>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once `text` has appeared in the output. */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

/** Starts `node <entry> ...args` with `env` added to a minimal environment (REDIS_URL, PATH, HOME). */
export function startNode(entry: string, env: Record<string, string>, args: string[] = []): RunningProcess {
  const child = spawn(process.execPath, [entry, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', REDIS_URL, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: RunningProcess = {
    child,
    output: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return {};
          }
        }),
    exited,
    async waitForOutput(pattern, timeoutMs = 20_000) {
      await waitUntil(() => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)), timeoutMs, `"${String(pattern)}" in the output of ${entry}:\n${text.slice(-2000)}`, exited);
    },
    async stop(signal = 'SIGTERM', timeoutMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return running;
}

/** Polls `check` every 20 ms; fails after `timeoutMs`, or at once if `exited` resolves first. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, exited?: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited?.then(() => (gone = true));
  const started = Date.now();
  while (!(await check())) {
    if (gone) throw new Error(`the process exited while waiting for ${what}`);
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
