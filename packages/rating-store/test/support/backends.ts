import { randomBytes } from 'node:crypto';
import type { RatingStore, RatingStoreBackend } from '../../src';
import {
  createPostgresRatingStore,
  createSupabaseRatingStore,
  defaultMigrationsDir,
} from '../../src';
import { applyMigrations } from '../../src/migrate/migration.runner';
import { pgPoolDatabase } from '../../src/sql/pg-pool.database';
import type { SqlDatabase } from '../../src/sql/sql-database.types';
import { createPostgrestResponder } from '../postgrest-responder';
import type { PostgrestResponder } from '../postgrest-responder';
import { createCaptureLogger } from './capture-logger';
import { signJwt } from './jwt';
import { createTestDatabase } from './test-database';

export const SUPABASE_TEST_URL = 'http://supabase.test';

export interface SupabaseParts {
  responder: PostgrestResponder;
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
}

/** One back end under test: the store, superuser SQL on the same database, captured logs. */
export interface Harness {
  backend: RatingStoreBackend;
  store: RatingStore;
  admin: SqlDatabase;
  logs: string[];
  supabase?: SupabaseParts;
  /** Empty the catalogue, ratings and boards. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const RESET_SQL = `
truncate public.leaderboard_entries, public.ratings, public.albums;
update public.leaderboard_boards set version = 0, computed_at = null, entry_count = 0;
`;

export async function postgresHarness(): Promise<Harness> {
  const database = await createTestDatabase('pg');
  const { logger, lines } = createCaptureLogger();
  const store = await createPostgresRatingStore({ databaseUrl: database.url, logger });
  const admin = pgPoolDatabase(database.pool, false);
  return {
    backend: 'postgres',
    store,
    admin,
    logs: lines,
    reset: () => admin.exec(RESET_SQL),
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

/** Supabase back end: real supabase-js, PostgREST stand-in, real PostgreSQL behind it. */
export async function supabaseHarness(): Promise<Harness> {
  const database = await createTestDatabase('sb');
  const admin = pgPoolDatabase(database.pool, false);
  await applyMigrations(admin, { dir: defaultMigrationsDir() });
  const jwtSecret = randomBytes(32).toString('hex');
  const anonKey = signJwt({ role: 'anon', iss: 'supabase-test' }, jwtSecret);
  const serviceRoleKey = signJwt({ role: 'service_role', iss: 'supabase-test' }, jwtSecret);
  const responder = createPostgrestResponder({ pool: database.pool, jwtSecret, apiKeys: [anonKey, serviceRoleKey] });
  const { logger, lines } = createCaptureLogger();
  const store = await createSupabaseRatingStore({
    supabaseUrl: SUPABASE_TEST_URL,
    serviceRoleKey,
    fetch: responder.fetch,
    logger,
  });
  return {
    backend: 'supabase',
    store,
    admin,
    logs: lines,
    supabase: { responder, jwtSecret, anonKey, serviceRoleKey },
    reset: () => admin.exec(RESET_SQL),
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

export const ALL_BACKENDS: [RatingStoreBackend, () => Promise<Harness>][] = [
  ['postgres', postgresHarness],
  ['supabase', supabaseHarness],
];

/** Back ends with direct SQL sessions (row level security is exercised in SQL there). */
export const SQL_BACKENDS: [RatingStoreBackend, () => Promise<Harness>][] = [
  ['postgres', postgresHarness],
];

/**
 * Registers the lifecycle every suite on a back end needs — set the harness up once, reset it before each test (then
 * `prepare`, e.g. seed albums), close it at the end — and hands the harness to `use` once it is ready.
 */
export function useHarness(setup: () => Promise<Harness>, use: (harness: Harness) => void, prepare?: (harness: Harness) => Promise<void>): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await setup();
    use(harness);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    await harness!.reset();
    await prepare?.(harness!);
  });
}
