import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './ports';

/** A process the suite started: its output goes to `logFile` and is kept in memory for waiting and scanning. */
export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  output(): string;
  alive(): boolean;
  /** Resolves when the output contains `text`; throws if the process exits first or after `timeoutMs`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  signal(signal: NodeJS.Signals): void;
  exited: Promise<void>;
  /** The exit code once exited (null while running, or when a signal ended it). */
  exitCode(): number | null;
}

export interface StartOptions {
  env: Record<string, string>;
  cwd: string;
  logDir: string;
}

let started = 0;

/** Spawns `command args` with exactly `env` (plus PATH and HOME), collecting stdout and stderr. */
export function startProcess(name: string, command: string, args: string[], options: StartOptions): ManagedProcess {
  started += 1;
  const logFile = join(options.logDir, `${String(started).padStart(2, '0')}-${name}.log`);
  writeFileSync(logFile, '');
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const collect = (chunk: Buffer) => {
    const s = chunk.toString();
    text += s;
    appendFileSync(logFile, s);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: child.pid ?? -1,
    logFile,
    output: () => text,
    alive,
    async waitFor(needle, timeoutMs = 30_000) {
      await waitUntil(`${name} to print "${needle}"`, () => {
        if (!alive()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before printing "${needle}":\n${text.slice(-2000)}`);
        return text.includes(needle);
      }, timeoutMs, 50);
    },
    signal: (signal) => {
      if (alive()) child.kill(signal);
    },
    exited,
    exitCode: () => child.exitCode,
  };
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
export async function stopProcess(proc: ManagedProcess, graceMs = 15_000): Promise<void> {
  if (!proc.alive()) return;
  proc.signal('SIGTERM');
  const timer = setTimeout(() => proc.signal('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}
