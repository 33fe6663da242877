import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlDatabase, SqlQueryable } from './sql-database.types';

function wrap(db: PGlite | Transaction): SqlQueryable {
  return {
    async query<R>(text: string, params?: unknown[]): Promise<R[]> {
      const result = await db.query<R>(text, params);
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await db.exec(text);
    },
  };
}

/** SqlDatabase over a PGlite instance. `owned`: close() closes the instance. */
export function pgliteDatabase(db: PGlite, owned: boolean): SqlDatabase {
  return {
    ...wrap(db),
    transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(wrap(tx)));
    },
    async close(): Promise<void> {
      if (owned && !db.closed) await db.close();
    },
  };
}
