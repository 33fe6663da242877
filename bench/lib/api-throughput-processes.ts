/**
 * Processes for `api-throughput.bench.ts`: the api / worker-spotify from their built dist/ and the bare express app,
 * each a child process of its own. Output goes to a log file (not a pipe the bench must drain, which would cost the
 * bench CPU while it measures); readiness is an HTTP probe, so it works at any LOG_LEVEL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StartedProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`); resolves with the exit code or signal. */
  stop(graceMs?: number): Promise<string>;
}

export interface StartProcessOptions {
  name: string;
  /** Arguments to node (entry script first, or flags such as --cpu-prof before it). */
  args: string[];
  env: Record<string, string>;
  logFile: string;
  /** Ready when this resolves true (polled every 200 ms)... */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-1500);
  } catch {
    return '';
  }
}

export async function startProcess(options: StartProcessOptions): Promise<StartedProcess> {
  const fd = openSync(options.logFile, 'w');
  const child = spawn(process.execPath, options.args, { env: { PATH: process.env.PATH ?? '', ...options.env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: string | null = null;
  const exit = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve((exited = String(code ?? signal)))));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited !== null) throw new Error(`${options.name} exited (${exited}) while starting:\n${tail(options.logFile)}`);
    if (await options.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} did not start within ${options.timeoutMs ?? 30_000} ms:\n${tail(options.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    name: options.name,
    child,
    logFile: options.logFile,
    async stop(graceMs = 15_000) {
      if (exited !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
  };
}

/** GET `url` (no keep-alive); resolves with the status and body. */
export function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.end();
  });
}

/** A readiness probe: `url` answers 200. */
export function answers200(url: string): () => Promise<boolean> {
  return async () => (await httpGet(url)).status === 200;
}

/** Lines of a log file that contain `text` (for the worker's "Listening on" line). */
export function logContains(file: string, text: string): () => Promise<boolean> {
  return async () => tail(file).includes(text) || readFileSync(file, 'utf8').includes(text);
}
