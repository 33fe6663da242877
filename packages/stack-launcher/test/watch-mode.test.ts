import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchEntry } from '../src/app-entry';

const root = path.resolve(__dirname, '../../..');

async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sets a file's modification time to now without changing it: to a watcher, a save. */
const touch = (file: string) => fs.utimesSync(file, new Date(), new Date());

/**
 * `pnpm dev`'s watch mode, as the launcher runs each app (tsx watch with tsconfig.watch.json), on a probe that imports
 * a workspace package the way the apps do: an edit to the package's source restarts it once; a rebuild of the
 * package's dist (what `pnpm build` writes) does not restart it at all.
 */
describe('watch mode (pnpm dev)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'albumboard-watch-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('restarts an app once when a workspace package it imports is edited, and not when the package is rebuilt', async () => {
    const probe = path.join(dir, 'probe.ts');
    fs.writeFileSync(probe, "import { envPort } from '@albumboard/env-config';\nconsole.log(`probe started ${typeof envPort.parse}`);\nsetInterval(() => undefined, 1000);\n");
    const { args } = watchEntry(root, 'worker-default');
    // detached: its own process group, so the probe tsx runs goes with it.
    const child = spawn(process.execPath, [...args.slice(0, -1), probe], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const starts = () => output.split('\n').filter((line) => line === 'probe started function').length;
    try {
      await waitUntil(() => starts() === 1, 'the probe to start');
      // tsx watches the files an app loaded only once it has started: an edit before that goes unseen (a race this
      // loaded machine loses now and then), so the edit is repeated, 10 s apart, until one restarts the probe.
      let nextEdit = 0;
      const editUntilRestarted = () => {
        if (starts() === 1 && Date.now() >= nextEdit) {
          touch(path.join(root, 'packages/env-config/src/env-settings.ts'));
          nextEdit = Date.now() + 10_000;
        }
        return starts() === 2;
      };
      await waitUntil(editUntilRestarted, 'the probe to restart after the edit', 45_000);
      // What `pnpm build` writes: the package's dist, which the app no longer loads.
      for (const file of fs.readdirSync(path.join(root, 'packages/env-config/dist'))) touch(path.join(root, 'packages/env-config/dist', file));
      await new Promise((r) => setTimeout(r, 2_000));
      expect(starts()).toBe(2);
      expect(output).not.toContain("Process hasn't exited");
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  }, 90_000);
});
