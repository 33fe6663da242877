import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** Server the tests use (env DATABASE_URL); each test file creates and drops its own databases. */
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  /** Superuser pool on the new database. */
  pool: Pool;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer(sql: string): Promise<void> {
  const admin = new Pool({ connectionString: BASE_DATABASE_URL, max: 1 });
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A fresh, uniquely named database on the test server. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `rating_store_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = withDatabase(BASE_DATABASE_URL, name);
  const pool = new Pool({ connectionString: url, max: 10 });
  // pool.end() does not wait for the server to see the Terminate; `drop ... with (force)` may then
  // kill a backend whose client still listens: ignore that error instead of crashing the test.
  pool.on('error', () => undefined);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      await onServer(`drop database if exists ${name} with (force)`);
    },
  };
}
