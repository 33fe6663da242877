import type { RatingStoreLogger } from '../logger.types';
import { silentLogger } from '../logger.types';
import { RatingStoreMigrationError } from '../rating-store.errors';
import type { SqlDatabase } from '../sql/sql-database.types';
import { loadMigrationFiles } from './migration-files';

/** Serialises migration runs of every process on one database (pg_advisory_xact_lock key). */
const MIGRATION_LOCK_KEY = '4917263551';

const BOOTSTRAP_SQL = `
create schema if not exists albumboard_private;
create table if not exists albumboard_private.schema_migrations (
  version     text primary key,
  name        text not null,
  checksum    text not null,
  applied_at  timestamptz not null default now()
);
alter table albumboard_private.schema_migrations enable row level security;
`;

function describeSqlError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  const state = typeof code === 'string' ? `SQLSTATE ${code}: ` : '';
  return `${state}${typeof message === 'string' ? message : 'unknown error'}`;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export interface ApplyMigrationsOptions {
  dir: string;
  logger?: RatingStoreLogger;
}

/**
 * Apply the files of `dir` that are not yet recorded in albumboard_private.schema_migrations, in
 * version order, each in its own transaction together with its bookkeeping row. Concurrent runners
 * queue on an advisory lock. A recorded migration whose file changed is an error (checksum).
 * Versions recorded but absent from `dir` (a newer deploy ran first) are only logged.
 */
export async function applyMigrations(db: SqlDatabase, options: ApplyMigrationsOptions): Promise<MigrationResult> {
  const logger = options.logger ?? silentLogger;
  const files = await loadMigrationFiles(options.dir);
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await tx.exec(BOOTSTRAP_SQL);
  });

  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const file of files) {
    const applied = await db.transaction(async (tx): Promise<boolean> => {
      await tx.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const [row] = await tx.query<{ checksum: string }>(
        'select checksum from albumboard_private.schema_migrations where version = $1',
        [file.version],
      );
      if (row) {
        if (row.checksum !== file.checksum) {
          throw new RatingStoreMigrationError(`migration ${file.version}_${file.name} changed after it was applied`);
        }
        return false;
      }
      await tx.exec(file.sql).catch((error: unknown) => {
        const reason = describeSqlError(error);
        throw new RatingStoreMigrationError(`migration ${file.version}_${file.name} failed: ${reason}`);
      });
      await tx.query('insert into albumboard_private.schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        file.version,
        file.name,
        file.checksum,
      ]);
      return true;
    });
    (applied ? result.applied : result.alreadyApplied).push(file.version);
    if (applied) logger.info({ version: file.version, name: file.name }, 'migration applied');
  }

  const known = new Set(files.map((f) => f.version));
  const recorded = await db.query<{ version: string }>('select version from albumboard_private.schema_migrations');
  const unknown = recorded.map((r) => r.version).filter((v) => !known.has(v));
  if (unknown.length > 0) logger.warn({ versions: unknown }, 'database has migrations this build does not know');
  return result;
}
