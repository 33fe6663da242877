import { assertBuilt } from './app-entry';
import { loadStackConfig, StackConfigError, type StackConfig } from './config';
import { ProcessSupervisor } from './process-supervisor';
import { embeddedDatabaseUrl, planStack } from './stack-plan';

/**
 * `pnpm start` and the single-container image: runs the api and the three workers (and, without Spotify
 * credentials, the Spotify emulator; without DATABASE_URL / SUPABASE_URL, the embedded Postgres first) as one
 * unit. Ctrl-C or SIGTERM stops all of them, the embedded Postgres last; if one dies, the rest are stopped and
 * the launcher exits non-zero so the platform restarts the container.
 */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);
  let config: StackConfig;
  let specs;
  try {
    config = loadStackConfig(process.env, Boolean(process.stdout.isTTY));
    specs = planStack(config, process.env);
    assertBuilt(specs.map((spec) => spec.args[0]));
  } catch (err) {
    log(err instanceof StackConfigError ? err.message : (err as Error).message);
    process.exit(1);
  }
  const supervisor = new ProcessSupervisor({ prefixOutput: config.prefixOutput, graceMs: config.graceMs, log });
  const names = specs.map((spec) => spec.name);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log(`${signal} received; stopping ${names.join(', ')}`);
      void supervisor.stop();
    });
  }
  if (config.embeddedPostgres) {
    const { port, dataDir } = config.embeddedPostgres;
    log(`no DATABASE_URL or SUPABASE_URL: ratings in embedded Postgres (PGlite) at ${embeddedDatabaseUrl(port)}, data in ${dataDir}`);
  }
  log(`starting ${names.join(', ')}`);
  await supervisor.start(specs);
  process.exitCode = await supervisor.done;
}

void main();
