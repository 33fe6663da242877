/**
 * The emulator needs no Redis, so its container contract can be checked for real: start its CLI with the
 * environment the image and compose give it, run both healthcheck commands against it, then stop it with
 * SIGTERM the way tini forwards it and expect a clean exit.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { readCompose, serviceEnvironment } from './support/compose';
import { parseDockerfile, parseHealthcheck, last, stageEnv } from './support/dockerfile';
import { ROOT, read } from './support/repo';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

const run = (argv: string[], env: Record<string, string>): Promise<number> =>
  new Promise((resolve) => {
    execFile(process.execPath, argv, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 }, (error) =>
      resolve(error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0),
    );
  });

describe('spotify-emulator container contract', () => {
  let child: ChildProcess;
  let port = 0;
  let exited: Promise<number | null>;
  const df = parseDockerfile(read('apps/spotify-emulator/Dockerfile'));
  const final = df.stages[df.stages.length - 1];

  beforeAll(async () => {
    port = await freePort();
    // The image's ENV, then compose's environment with no .env, with the port moved to a free one for the test.
    const env = { ...stageEnv(final), ...serviceEnvironment(readCompose().services['spotify-emulator'], {}), EMULATOR_PORT: String(port), EMULATOR_HOST: '127.0.0.1' };
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/spotify-emulator/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Ready when its port answers (no reliance on the wording of its log line).
    for (let attempt = 0; ; attempt += 1) {
      if (child.exitCode !== null) throw new Error(`emulator exited with ${child.exitCode}: ${output}`);
      const up = await fetch(`http://127.0.0.1:${port}/__emulator/stats`).then(() => true, () => false);
      if (up) break;
      if (attempt > 150) throw new Error(`emulator did not answer on port ${port}: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('passes the Dockerfile HEALTHCHECK', async () => {
    const cmd = parseHealthcheck(last(final, 'HEALTHCHECK')?.args ?? '').command as string[];
    await expect(run(cmd.slice(1), { EMULATOR_PORT: String(port) })).resolves.toBe(0);
  });

  it('passes the compose healthcheck (its URL moved to the test port)', async () => {
    const test = readCompose().services['spotify-emulator'].healthcheck?.test as string[];
    expect(test.slice(0, 2)).toEqual(['CMD', 'node']);
    const argv = test.slice(2).map((a) => a.replace('127.0.0.1:4010', `127.0.0.1:${port}`));
    await expect(run(argv, {})).resolves.toBe(0);
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
  });
});
