import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const APP_DIR = join(__dirname, '..');

/** A worker-spotify process started with `node --import tsx src/index.ts`, its output collected. */
export interface WorkerProcessHandle {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** The JSON log lines printed so far. */
  lines: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  waitForLine(text: string, timeoutMs?: number): Promise<void>;
}

export function spawnWorker(env: Record<string, string>, args: string[] = []): WorkerProcessHandle {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts', ...args], {
    cwd: APP_DIR,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    lines,
    exited,
    async waitForLine(text, timeoutMs = 30_000) {
      const started = Date.now();
      while (!out.includes(text)) {
        if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode}) before "${text}": ${err}${out}`);
        if (Date.now() - started > timeoutMs) throw new Error(`no "${text}" after ${timeoutMs} ms: ${err}${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** SIGTERMs `worker` if it still runs and waits for it to exit. */
export async function stopWorker(worker: WorkerProcessHandle): Promise<number | null> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  return worker.exited;
}
