import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { RatingStoreLogger } from '../logger.types';
import { silentLogger } from '../logger.types';
import { applyMigrations, type MigrationResult } from '../migrate/migration.runner';
import { defaultMigrationsDir } from '../migrate/migrations-dir';
import { pgliteDatabase } from '../sql/pglite.database';
import { PgliteWireServer } from './pglite-wire.server';

/** Default TCP port of the embedded server (EMBEDDED_PG_PORT). */
export const EMBEDDED_PG_DEFAULT_PORT = 54329;

export interface EmbeddedPostgresOptions {
  /** PGlite data directory (created if missing), or `memory://`. */
  dataDir: string;
  /** Default 54329; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Client connections allowed at once (default 100). */
  maxConnections?: number;
  /** A connection idle inside a transaction this long while others wait is closed (default 30 000 ms). */
  idleInTransactionTimeoutMs?: number;
  /** Default: the bundled migrations (`defaultMigrationsDir()`). */
  migrationsDir?: string;
  logger?: RatingStoreLogger;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@<host>:<port>/postgres`: what DATABASE_URL should be. */
  url: string;
  host: string;
  port: number;
  db: PGlite;
  migrations: MigrationResult;
  stats(): { connections: number; owner: number | null; waiting: number };
  /**
   * Closes every connection (open transactions roll back), the listener, then PGlite. Idempotent. With
   * `drainTimeoutMs`, first keeps serving until the clients have left or the time is up.
   */
  stop(options?: { drainTimeoutMs?: number }): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Embedded PostgreSQL for the multi-process stack: one PGlite at `dataDir`, migrated with the store's
 * migration runner, served over TCP so the api and every worker connect with DATABASE_URL like to any
 * PostgreSQL. Development and single-container use only: one session shared by all clients (see README).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const logger = (options.logger ?? silentLogger).child({ component: 'embedded-postgres' });
  if (!options.dataDir.includes('://')) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  let server: PgliteWireServer | undefined;
  try {
    const migrations = await applyMigrations(pgliteDatabase(db, false), {
      dir: options.migrationsDir ?? defaultMigrationsDir(),
      logger,
    });
    server = new PgliteWireServer({
      db,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? EMBEDDED_PG_DEFAULT_PORT,
      maxConnections: options.maxConnections,
      ownerIdleTimeoutMs: options.idleInTransactionTimeoutMs,
      logger,
    });
    const address = await server.start();
    const running = server;
    let stopping: Promise<void> | undefined;
    return {
      url: `postgres://postgres@${urlHost(address.host)}:${address.port}/postgres`,
      host: address.host,
      port: address.port,
      db,
      migrations,
      stats: () => running.stats(),
      stop: (stopOptions) => {
        stopping ??= (async () => {
          await running.stop(stopOptions);
          if (!db.closed) await db.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await server?.stop().catch(() => undefined);
    if (!db.closed) await db.close().catch(() => undefined);
    throw error;
  }
}
