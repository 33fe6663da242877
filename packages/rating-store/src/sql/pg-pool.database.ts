import { Pool } from 'pg';
import type { PoolClient, QueryResultRow } from 'pg';
import type { SqlDatabase, SqlQueryable } from './sql-database.types';

function wrapClient(client: Pool | PoolClient): SqlQueryable {
  return {
    async query<R>(text: string, params?: unknown[]): Promise<R[]> {
      const result = await client.query<QueryResultRow>(text, params);
      return result.rows as R[];
    },
    async exec(text: string): Promise<void> {
      // Without parameters node-postgres uses the simple protocol: several statements are fine.
      await client.query(text);
    },
  };
}

/** SqlDatabase over a node-postgres Pool. `owned`: close() ends the pool. */
export function pgPoolDatabase(pool: Pool, owned: boolean): SqlDatabase {
  const base = wrapClient(pool);
  return {
    ...base,
    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrapClient(client));
        await client.query('commit');
        client.release();
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
          client.release();
        } catch (rollbackError) {
          client.release(rollbackError instanceof Error ? rollbackError : true);
        }
        throw error;
      }
    },
    async close(): Promise<void> {
      if (owned) await pool.end();
    },
  };
}

export { Pool };
