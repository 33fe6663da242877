import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The single-container launcher as a user runs it (`pnpm start`, the Railway/Render image): the compiled launcher
 * starts the embedded Postgres, the emulator, the api and the three workers; a search answers; killing one process
 * stops the rest and the launcher exits non-zero so the platform restarts the container.
 */
const launcher = path.resolve(__dirname, '../dist/index.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The launcher's direct children, by the entry file each runs. */
function children(pid: number): Map<string, number> {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  const map = new Map<string, number>();
  for (const line of out.trim().split('\n').filter(Boolean)) {
    const [pidText, ...args] = line.trim().split(/\s+/);
    const entry = args.find((a) => a.endsWith('.js'));
    const name = entry?.match(/apps\/([^/]+)\/dist|embedded-postgres/)?.[1] ?? (entry?.includes('embedded-postgres') ? 'embedded-postgres' : entry);
    if (name) map.set(name, Number(pidText));
  }
  return map;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('stack launcher (the real processes)', () => {
  let stack: ChildProcess;
  let output = '';
  let dataDir: string;
  let exited: Promise<number | null>;
  let apiPort: number;

  beforeAll(async () => {
    const [api, emulator, pg, health] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    apiPort = api;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'albumboard-stack-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `test-stack-${process.pid}-${Date.now()}`,
      PORT: String(api),
      HOST: '127.0.0.1',
      EMULATOR_PORT: String(emulator),
      EMBEDDED_PG_PORT: String(pg),
      PGLITE_DATA_DIR: dataDir,
      WORKER_HEALTH_PORT: String(health),
      STACK_PREFIX_OUTPUT: 'true',
      STACK_GRACE_MS: '10000',
      LEADERBOARD_RECOMPUTE_EVERY_MS: '3600000',
    };
    stack = spawn(process.execPath, [launcher], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    stack.stdout!.on('data', (chunk) => (output += String(chunk)));
    stack.stderr!.on('data', (chunk) => (output += String(chunk)));
    exited = new Promise((resolve) => stack.on('exit', (code) => resolve(code)));
  }, 30_000);

  afterAll(async () => {
    if (stack.exitCode === null) stack.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings every process up, answers a search, and stops everything with a non-zero exit when one dies', async () => {
    const base = `http://127.0.0.1:${apiPort}`;
    // Ready means: Redis and the database answer and a worker listens on every queue.
    await waitFor('the api to be ready', 150_000, async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined));
    for (const line of [
      "Starting worker listening on queues: ['spotify']",
      "Starting worker listening on queues: ['default']",
      "Starting worker listening on queues: ['leaderboard']",
      'Spotify emulator listening on',
      'Embedded Postgres (PGlite) listening on',
      'albumboard api listening on',
    ]) {
      expect(output).toContain(line);
    }
    const running = children(stack.pid!);
    expect([...running.keys()].sort()).toEqual(['api', 'embedded-postgres', 'spotify-emulator', 'worker-default', 'worker-leaderboard', 'worker-spotify']);

    const search = await fetch(`${base}/api/v1/search?query=Taylor+Swift`);
    expect(search.status).toBe(200);
    const body = (await search.json()) as { artist: { name: string }; albums: unknown[] };
    expect(body.artist.name).toBe('Taylor Swift');
    expect(body.albums.length).toBeGreaterThan(0);
    expect(output).toContain('[SPOTIFY WORKER] Successfully completed: searchArtistAlbums');

    process.kill(running.get('worker-default')!, 'SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 40_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('hung');
    expect(code).not.toBe(0);
    expect(output).toContain('worker-default exited with code');
    for (const pid of running.values()) expect(alive(pid)).toBe(false);
  }, 240_000);
});
