import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The launcher as a user runs it (`pnpm start`, `pnpm dev`, the Railway/Render image): the compiled launcher starts
 * a real embedded PostgreSQL, the emulator, the api and the three workers; a search answers; a rating reaches the
 * board; a second launcher on the same data directory is refused; Ctrl-C (SIGINT to the launcher's process group)
 * stops everything with exit 0; killing one process stops the rest with a non-zero exit.
 */
const launcher = path.resolve(__dirname, '../dist/index.js');
const root = path.resolve(__dirname, '../../..');

/** Whether `port` can be listened on, on every interface (the workers' health servers listen on 0.0.0.0). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

const taken = new Set<number>();

/**
 * `count` consecutive free ports (the launcher gives the workers WORKER_HEALTH_PORT + 0, 1, 2), none handed out before,
 * below the kernel's ephemeral range (32768 and up here), so no outgoing connection takes one before the stack binds it.
 */
async function freePorts(count = 1): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const run = Array.from({ length: count }, (_, i) => base + i);
    if (run.some((port) => taken.has(port))) continue;
    if ((await Promise.all(run.map(canListen))).every(Boolean)) {
      for (const port of run) taken.add(port);
      return base;
    }
  }
}

/** Polls `probe` until it gives a value; `gaveUp` (e.g. the launcher exited) ends the wait at once with its reason. */
async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, gaveUp: () => string | undefined = () => undefined): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const reason = gaveUp();
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
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

interface Stack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  apiPort: number;
}

async function startStack(dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<Stack> {
  const [api, emulator, pg, health] = [await freePorts(), await freePorts(), await freePorts(), await freePorts(3)];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-stack-${process.pid}-${Date.now()}`,
    PORT: String(api),
    HOST: '127.0.0.1',
    EMULATOR_PORT: String(emulator),
    EMBEDDED_PG_PORT: String(pg),
    EMBEDDED_PG_DATA_DIR: dataDir,
    WORKER_HEALTH_PORT: String(health),
    STACK_PREFIX_OUTPUT: 'true',
    STACK_GRACE_MS: '10000',
    LEADERBOARD_RECOMPUTE_EVERY_MS: '3600000',
    ...extra,
  };
  // detached: its own process group, as a terminal runs it, so the test can send SIGINT to the whole group.
  const child = spawn(process.execPath, [launcher], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited, apiPort: api };
}

async function exitWithin(stack: Stack, ms: number): Promise<number | null | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([stack.exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), ms)))]);
  clearTimeout(timer);
  return code;
}

async function waitReady(stack: Stack): Promise<string> {
  const base = `http://127.0.0.1:${stack.apiPort}`;
  // Ready means: Redis and the database answer and a worker listens on every queue.
  await waitFor(
    'the api to be ready',
    150_000,
    async () => ((await fetch(`${base}/readyz`)).status === 200 ? true : undefined),
    () => (stack.child.exitCode === null ? undefined : `the launcher exited with ${stack.child.exitCode}:\n${stack.output()}`),
  );
  return base;
}

describe('stack launcher (the real processes)', () => {
  const dataDirs: string[] = [];
  const stacks: Stack[] = [];
  const scratch = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'albumboard-stack-'));
    fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach its data directory
    dataDirs.push(dir);
    return path.join(dir, 'postgres');
  };

  afterAll(async () => {
    for (const stack of stacks) if (stack.child.exitCode === null) process.kill(-stack.child.pid!, 'SIGKILL');
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('one real PostgreSQL for every app: a search answers, a rating reaches the board, a second launcher is refused, Ctrl-C exits 0', async () => {
    const dataDir = scratch();
    const stack = await startStack(dataDir);
    stacks.push(stack);
    const base = await waitReady(stack);
    for (const line of [
      "Starting worker listening on queues: ['spotify']",
      "Starting worker listening on queues: ['default']",
      "Starting worker listening on queues: ['leaderboard']",
      'Spotify emulator listening on',
      'Embedded PostgreSQL listening on postgres://postgres@127.0.0.1:',
      'albumboard api listening on',
    ]) {
      expect(stack.output()).toContain(line);
    }
    expect(stack.output()).not.toMatch(/pglite/i);
    const running = children(stack.child.pid!);
    expect([...running.keys()].sort()).toEqual(['api', 'embedded-postgres', 'spotify-emulator', 'worker-default', 'worker-leaderboard', 'worker-spotify']);
    expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);

    const search = await fetch(`${base}/api/v1/search?query=Taylor+Swift`);
    expect(search.status).toBe(200);
    const body = (await search.json()) as { artist: { name: string }; items: { id: string }[] };
    expect(body.artist.name).toBe('Taylor Swift');
    const albumId = body.items[0].id;
    const token = execFileSync(process.execPath, [path.join(root, 'apps/api/dist/cli/mint-dev-token.js'), 'stack-e2e'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const rating = await fetch(`${base}/api/v1/albums/${albumId}/rating`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ score: 9 }),
    });
    expect(rating.status).toBe(200);
    // worker-leaderboard (another process) recomputes from the same database the api wrote to.
    const entry = await waitFor('the rating on the board', 60_000, async () => {
      const board = (await (await fetch(`${base}/api/v1/leaderboard?window=all`)).json()) as { items: { album: { id: string }; ratingCount: number }[] };
      return board.items.find((e) => e.album.id === albumId);
    });
    expect(entry.ratingCount).toBe(1);

    // A second launcher on the same data directory stops at once with one line (PostgreSQL's postmaster.pid lock).
    const second = await startStack(dataDir);
    stacks.push(second);
    expect(await exitWithin(second, 20_000)).toBe(1);
    const refusal = second.output().trim().split('\n');
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatch(/^\[stack\] the embedded PostgreSQL data directory .* is in use by another server \(postmaster.pid: pid \d+\)/);

    // Ctrl-C in a terminal: SIGINT to the launcher's process group.
    process.kill(-stack.child.pid!, 'SIGINT');
    expect(await exitWithin(stack, 40_000)).toBe(0);
    expect(stack.output()).not.toContain('Second signal while shutting down');
    expect(stack.output()).toContain('embedded-postgres: stopped');
    for (const pid of running.values()) expect(alive(pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 240_000);

  it('stops everything with a non-zero exit when one process dies', async () => {
    const stack = await startStack(scratch());
    stacks.push(stack);
    await waitReady(stack);
    const running = children(stack.child.pid!);
    process.kill(running.get('worker-default')!, 'SIGKILL');
    const code = await exitWithin(stack, 40_000);
    expect(code).not.toBe('hung');
    expect(code).not.toBe(0);
    expect(stack.output()).toContain('worker-default exited with code');
    for (const pid of running.values()) expect(alive(pid)).toBe(false);
  }, 240_000);
});

describe('an embedded PostgreSQL that cannot start', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const portLine = (port: number) =>
    `[stack] the embedded PostgreSQL's port 127.0.0.1:${port} is in use (another stack's PostgreSQL, or another server): set EMBEDDED_PG_PORT to a free port (and EMBEDDED_PG_DATA_DIR for a second stack), or DATABASE_URL to a PostgreSQL of your own`;

  /** The launcher's output lines when its data directory is in `dir` and another server holds its PostgreSQL port. */
  async function startOnHeldPort(dir: string): Promise<{ port: number; lines: string[] }> {
    dirs.push(dir);
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const stack = await startStack(path.join(dir, 'postgres'), { EMBEDDED_PG_PORT: String(port) });
      expect(await exitWithin(stack, 20_000)).toBe(1);
      return { port, lines: stack.output().trim().split('\n') };
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }

  it('names the port and EMBEDDED_PG_PORT when another server holds it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'albumboard-port-'));
    fs.chmodSync(dir, 0o755);
    const { port, lines } = await startOnHeldPort(dir);
    expect(lines).toEqual([portLine(port)]);
  }, 60_000);

  // Its data directory in a folder other users cannot enter (`mktemp -d`: 700). As root PostgreSQL runs as `postgres`,
  // who cannot get in: that is the line. As any other user it runs as that user, who can: the port is the line.
  it(`stops with one line naming the cause and the way out (running as ${process.getuid?.() === 0 ? 'root' : 'a user'})`, async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'albumboard-closed-'));
    const { port, lines } = await startOnHeldPort(closed);
    expect(lines).toHaveLength(1);
    if (process.getuid?.() === 0) expect(lines[0]).toMatch(new RegExp(`^\\[stack\\] as root the embedded PostgreSQL runs as the \`postgres\` user, who cannot enter ${closed} \\(mode 700\\)`));
    else expect(lines[0]).toBe(portLine(port));
  }, 60_000);
});

describe('an app started without a database', () => {
  it.each(['api', 'worker-default', 'worker-leaderboard'])('%s stops with one line saying what to set', (app) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, REDIS_URL: 'redis://127.0.0.1:1' };
    const result = spawnSync(process.execPath, [path.join(root, 'apps', app, 'dist/index.js')], { env, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/DATABASE_URL.*no ratings database configured: set DATABASE_URL .*`pnpm start` \/ `pnpm dev`/);
    expect(result.stderr + result.stdout).not.toMatch(/EACCES|mkdir|pglite/i);
  });
});
