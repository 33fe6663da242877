import { appEntry, assertBuilt } from './app-entry';
import { loadStackConfig, StackConfigError } from './config';
import { ProcessSupervisor, type SupervisedProcess } from './process-supervisor';
import { waitForHttp } from './wait-for-http';

/**
 * `pnpm start` and the single-container image: runs the api and the three workers (and, without Spotify
 * credentials, the Spotify emulator) as one unit. Ctrl-C or SIGTERM stops all of them; if one dies, the rest
 * are stopped and the launcher exits non-zero so the platform restarts the container.
 */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);
  let config;
  try {
    config = loadStackConfig(process.env, Boolean(process.stdout.isTTY));
    assertBuilt(config.root, config.apps);
  } catch (err) {
    log(err instanceof StackConfigError ? err.message : (err as Error).message);
    process.exit(1);
  }
  const supervisor = new ProcessSupervisor({ prefixOutput: config.prefixOutput, graceMs: config.graceMs, log });
  const emulatorUrl = `http://127.0.0.1:${config.emulatorPort}`;
  const specs: SupervisedProcess[] = config.apps.map((app) => ({
    name: app,
    command: process.execPath,
    args: [appEntry(config.root, app)],
    ready: app === 'spotify-emulator' ? () => waitForHttp(`${emulatorUrl}/__emulator/stats`, 15_000) : undefined,
  }));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log(`${signal} received; stopping ${config.apps.join(', ')}`);
      void supervisor.stop();
    });
  }
  log(`starting ${config.apps.join(', ')}`);
  await supervisor.start(specs);
  process.exitCode = await supervisor.done;
}

void main();
