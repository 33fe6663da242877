import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { RatingStore } from '../rating-store.types';
import { silentLogger } from '../logger.types';
import { applyMigrations } from '../migrate/migration.runner';
import { defaultMigrationsDir } from '../migrate/migrations-dir';
import { pgliteDatabase } from '../sql/pglite.database';
import { SqlRpcCaller } from '../sql/sql-rpc.caller';
import { RpcRatingStore } from '../rpc/rpc-rating.store';
import { mapSqlError } from '../rpc/sqlstate-error.mapper';
import type { MigratingStoreOptions } from './backend-options.types';

export interface PgliteStoreOptions extends MigratingStoreOptions {
  /** Data directory (created if missing), or `memory://` for a throw-away database. */
  dataDir?: string;
  /** Or an existing PGlite instance, left open by close(). */
  db?: PGlite;
}

/**
 * RatingStore on embedded PostgreSQL (PGlite, WASM, one process only): for development and tests
 * when neither Supabase nor DATABASE_URL is configured. Applies the migrations first.
 */
export async function createPgliteRatingStore(options: PgliteStoreOptions): Promise<RatingStore> {
  if (!options.db && !options.dataDir) throw new TypeError('createPgliteRatingStore needs dataDir or db');
  const logger = (options.logger ?? silentLogger).child({ component: 'rating-store', backend: 'pglite' });
  const dataDir = options.dataDir ?? 'memory://';
  let instance = options.db;
  if (!instance) {
    if (!dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
    instance = await PGlite.create(dataDir);
  }
  const db = pgliteDatabase(instance, !options.db);
  const description = options.db ? 'pglite (injected instance)' : `pglite ${dataDir}`;
  try {
    if (options.migrate !== false) {
      await applyMigrations(db, { dir: options.migrationsDir ?? defaultMigrationsDir(), logger });
    }
  } catch (error) {
    await db.close();
    throw mapSqlError('migrate', error);
  }
  logger.info({ backend: description }, 'rating store ready');
  return new RpcRatingStore({ backend: 'pglite', description, caller: new SqlRpcCaller(db), logger, secrets: [] });
}
