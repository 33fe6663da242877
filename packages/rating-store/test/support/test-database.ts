import { createTestDatabase as createEmptyDatabase, type TestDatabase as EmptyDatabase } from '@albumboard/test-support';
import { Pool } from 'pg';

export interface TestDatabase extends EmptyDatabase {
  /** Superuser pool on the new database. */
  pool: Pool;
}

/** A fresh, uniquely named database on the test server, with a superuser pool on it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const database = await createEmptyDatabase(`rating_store_${label}`);
  const pool = new Pool({ connectionString: database.url, max: 10 });
  // pool.end() does not wait for the server to see the Terminate; `drop ... with (force)` may then
  // kill a backend whose client still listens: ignore that error instead of crashing the test.
  pool.on('error', () => undefined);
  return {
    ...database,
    pool,
    async drop() {
      await pool.end();
      await database.drop();
    },
  };
}
