import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server of the tests (env DATABASE_URL, a superuser); each test file makes its own databases. */
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL on the new database, as the superuser. */
  exec(sql: string): Promise<void>;
  /** Drops the database, closing whatever is still connected to it. */
  drop(): Promise<void>;
}

async function run(connectionString: string, sql: string): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named, empty database on the test server: `<label>_<pid>_<8 hex>`. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `${label}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await run(BASE_DATABASE_URL, `create database ${name}`);
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    exec: (sql) => run(url.toString(), sql),
    drop: () => run(BASE_DATABASE_URL, `drop database if exists ${name} with (force)`),
  };
}
