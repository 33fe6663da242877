import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { rawGet, waitFor } from './support/http';
import { issueTokenOver } from './support/token';

/** The CLI entry (src/main.ts, run through tsx so no build is needed) as a separate process. */
const MAIN = path.resolve(__dirname, '../src/main.ts');

function launch(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: path.resolve(__dirname, '..'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('CLI (main.ts)', () => {
  it("logs like the apps: pino's JSON lines (level, time, service), or pretty ones with LOG_PRETTY=true as under pnpm dev", async () => {
    const json = launch({ EMULATOR_PORT: '0', EMULATOR_GENERATED_ARTISTS: '10' });
    const pretty = launch({ EMULATOR_PORT: '0', EMULATOR_GENERATED_ARTISTS: '10', LOG_PRETTY: 'true' });
    try {
      await waitFor(() => /Spotify emulator listening on/.test(json.output()) && /Spotify emulator listening on/.test(pretty.output()), 15_000);
      const line = json.output().split('\n').find((l) => l.includes('listening on')) as string;
      expect(JSON.parse(line)).toMatchObject({ level: 30, service: 'spotify-emulator', name: 'spotify-emulator', msg: expect.stringMatching(/^Spotify emulator listening on http:\/\/127\.0\.0\.1:\d+$/) });
      expect(typeof JSON.parse(line).time).toBe('string');
      const prettyLine = pretty.output().split('\n').find((l) => l.includes('listening on')) as string;
      expect(prettyLine.trimStart().startsWith('{')).toBe(false);
      expect(prettyLine).toMatch(/INFO.*Spotify emulator listening on http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      json.child.kill('SIGKILL');
      pretty.child.kill('SIGKILL');
    }
  });

  it('logs its URL, serves, and exits 0 on SIGTERM even with a hanging request open', async () => {
    const proc = launch({ EMULATOR_PORT: '0', EMULATOR_FAULT_HANG_RATE: '1', EMULATOR_GENERATED_ARTISTS: '10' });
    try {
      await waitFor(() => /Spotify emulator listening on http:\/\/127\.0\.0\.1:\d+/.test(proc.output()), 1500);
      const url = /listening on (http:\/\/[^"\s]+)/.exec(proc.output())?.[1] as string;
      const token = await issueTokenOver(url);
      const pending = rawGet(`${url}/v1/artists/06HL4z0CvFAxyc27GXpf02`, { Authorization: `Bearer ${token}` });
      let inFlight = 0;
      for (let i = 0; i < 200 && inFlight === 0; i += 1) {
        inFlight = (await fetch(`${url}/__emulator/stats`).then((r) => r.json() as Promise<{ inFlight: number }>)).inFlight;
        if (inFlight === 0) await new Promise((r) => setTimeout(r, 10));
      }
      expect(inFlight).toBe(1);
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect((await pending).ok).toBe(false);
    } finally {
      proc.child.kill('SIGKILL');
    }
  });

  it('stops with exit 1 and one line naming a malformed setting', async () => {
    const proc = launch({ EMULATOR_DAILY_QUOTA: 'lots' });
    expect(await proc.exited).toBe(1);
    expect(proc.output().trim().split('\n')).toEqual([expect.stringContaining('EMULATOR_DAILY_QUOTA')]);
  });
});
