import { randomBytes } from 'node:crypto';
import { createPostgresRatingStore, type RatingStore } from '@albumboard/rating-store';
import { Pool } from 'pg';

/** The PostgreSQL server of the tests (env DATABASE_URL, a superuser); each test file makes its own database. */
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A port nothing listens on: a store pointed there cannot connect. */
export const DEAD_DATABASE_URL = 'postgres://postgres@127.0.0.1:1/albumboard_down';

async function onServer(sql: string): Promise<void> {
  const admin = new Pool({ connectionString: BASE_DATABASE_URL, max: 1 });
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export interface TestStore {
  url: string;
  store: RatingStore;
  /** Closes the store and drops its database. */
  drop(): Promise<void>;
}

/** A fresh, uniquely named database with the migrations applied, and a PostgreSQL rating store on it. */
export async function createTestStore(label: string): Promise<TestStore> {
  const name = `api_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  const store = await createPostgresRatingStore({ databaseUrl: url.toString(), poolMax: 4 });
  return {
    url: url.toString(),
    store,
    async drop() {
      await store.close();
      await onServer(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A store on a closed port (no migrations attempted): every call fails as `unavailable`. */
export function deadStore(): Promise<RatingStore> {
  return createPostgresRatingStore({ databaseUrl: DEAD_DATABASE_URL, migrate: false });
}
