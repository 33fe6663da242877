import { Pool } from 'pg';
import type { RatingStore } from '../rating-store.types';
import { silentLogger } from '../logger.types';
import { describeBackend } from '../config/describe-backend';
import { applyMigrations } from '../migrate/migration.runner';
import { defaultMigrationsDir } from '../migrate/migrations-dir';
import { pgPoolDatabase } from '../sql/pg-pool.database';
import { SqlRpcCaller } from '../sql/sql-rpc.caller';
import { RpcRatingStore } from '../rpc/rpc-rating.store';
import { mapSqlError } from '../rpc/sqlstate-error.mapper';
import type { MigratingStoreOptions } from './backend-options.types';

export interface PostgresStoreOptions extends MigratingStoreOptions {
  /** postgres:// URL; the store creates (and closes) its own pool. */
  databaseUrl?: string;
  /** Or an existing pool, left open by close(). */
  pool?: Pool;
  /** Pool size when the store creates the pool (default 10). */
  poolMax?: number;
}

function passwordOf(databaseUrl: string | undefined): string[] {
  if (!databaseUrl) return [];
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}

/** RatingStore on PostgreSQL through node-postgres; applies the migrations first. */
export async function createPostgresRatingStore(options: PostgresStoreOptions): Promise<RatingStore> {
  if (!options.pool && !options.databaseUrl) throw new TypeError('createPostgresRatingStore needs databaseUrl or pool');
  const logger = (options.logger ?? silentLogger).child({ component: 'rating-store', backend: 'postgres' });
  const pool =
    options.pool ??
    new Pool({ connectionString: options.databaseUrl, max: options.poolMax ?? 10, connectionTimeoutMillis: 10_000 });
  if (!options.pool) {
    // An idle client losing its connection must not crash the process.
    pool.on('error', (error: Error & { code?: string }) =>
      logger.warn({ code: error.code }, 'idle PostgreSQL connection failed'),
    );
  }
  const db = pgPoolDatabase(pool, !options.pool);
  const description = options.databaseUrl
    ? describeBackend({ backend: 'postgres', databaseUrl: options.databaseUrl })
    : 'postgres (injected pool)';
  try {
    if (options.migrate !== false) {
      await applyMigrations(db, { dir: options.migrationsDir ?? defaultMigrationsDir(), logger });
    }
  } catch (error) {
    await db.close();
    throw mapSqlError('migrate', error);
  }
  logger.info({ database: description }, 'rating store ready'); // the child logger carries `backend`
  return new RpcRatingStore({
    backend: 'postgres',
    description,
    caller: new SqlRpcCaller(db),
    logger,
    secrets: passwordOf(options.databaseUrl),
  });
}
