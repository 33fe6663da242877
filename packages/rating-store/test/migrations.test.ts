import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import {
  RatingStoreMigrationError,
  createRatingStore,
  defaultMigrationsDir,
  ratingStoreConfigSchema,
} from '../src';
import { applyMigrations } from '../src/migrate/migration.runner';
import { pgPoolDatabase } from '../src/sql/pg-pool.database';
import { captureLogger } from '@albumboard/test-support';
import { createCaptureLogger } from './support/capture-logger';
import { album, albumId } from './support/fixtures';
import { createTestDatabase } from './support/test-database';
import type { TestDatabase } from './support/test-database';

const FILES = ['20261128000000', '20261128000100', '20261128000200', '20261130000000', '20261207000000'];

describe('migrations', () => {
  let database: TestDatabase;
  let scratch: string;

  beforeEach(async () => {
    database = await createTestDatabase('mig');
    scratch = await mkdtemp(path.join(tmpdir(), 'rating-store-'));
  });

  afterEach(async () => {
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  const copyMigrations = async (): Promise<string> => {
    const dir = path.join(scratch, 'migrations');
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    return dir;
  };

  test('the repository holds the Supabase CLI layout the runner applies', async () => {
    const names = (await readdir(defaultMigrationsDir())).sort();
    expect(names.map((n) => n.slice(0, 14))).toEqual(FILES);
    expect(defaultMigrationsDir()).toMatch(/infra[/\\]supabase[/\\]migrations$|dist[/\\]migrations$/);
  });

  test('each migration is applied once, even by two runners at the same time', async () => {
    const db = pgPoolDatabase(database.pool, false);
    const second = new Pool({ connectionString: database.url, max: 2 });
    second.on('error', () => undefined);
    try {
      const [a, b] = await Promise.all([
        applyMigrations(db, { dir: defaultMigrationsDir() }),
        applyMigrations(pgPoolDatabase(second, false), { dir: defaultMigrationsDir() }),
      ]);
      expect([...a.applied, ...b.applied].sort()).toEqual(FILES);
      expect([...a.alreadyApplied, ...b.alreadyApplied].sort()).toEqual(FILES);
    } finally {
      await second.end();
    }
    const again = await applyMigrations(db, { dir: defaultMigrationsDir() });
    expect(again).toEqual({ applied: [], alreadyApplied: FILES });
    const recorded = await db.query<{ version: string; checksum: string }>(
      'select version, checksum from albumboard_private.schema_migrations order by version',
    );
    expect(recorded.map((r) => r.version)).toEqual(FILES);
    expect(recorded.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  test('a migration edited after it was applied stops the runner', async () => {
    const dir = await copyMigrations();
    const db = pgPoolDatabase(database.pool, false);
    await applyMigrations(db, { dir });
    await appendFile(path.join(dir, (await readdir(dir)).sort()[1]), '\n-- edited\n');
    await expect(applyMigrations(db, { dir })).rejects.toThrow(RatingStoreMigrationError);
    await expect(applyMigrations(db, { dir })).rejects.toThrow(/changed after it was applied/);
  });

  test('a failing migration is rolled back and not recorded; bad file names are refused', async () => {
    const dir = await copyMigrations();
    await writeFile(path.join(dir, '20991231000000_broken.sql'), 'create table public.half_done (id int);\nselect 1/0;\n');
    const db = pgPoolDatabase(database.pool, false);
    await expect(applyMigrations(db, { dir })).rejects.toThrow(/20991231000000_broken failed: SQLSTATE 22012/);
    const recorded = await db.query<{ version: string }>('select version from albumboard_private.schema_migrations');
    expect(recorded.map((r) => r.version).sort()).toEqual(FILES);
    expect(await db.query(`select to_regclass('public.half_done') as t`)).toEqual([{ t: null }]);

    await writeFile(path.join(dir, 'fix.sql'), 'select 1;');
    await expect(applyMigrations(db, { dir })).rejects.toThrow(/not <timestamp>_<name>\.sql: fix\.sql/);
  });

  test('on a database that already has the Supabase pieces the compatibility shim changes nothing', async () => {
    const db = pgPoolDatabase(database.pool, false);
    // What Supabase provides (body marked so we can tell it was not replaced).
    await db.exec(`
      create schema auth;
      create function auth.uid() returns uuid language sql stable
        as $$ select '00000000-0000-4000-8000-000000000000'::uuid /* supabase-original */ $$;
      create function auth.jwt() returns jsonb language sql stable as $$ select '{}'::jsonb /* supabase-original */ $$;
    `);
    await applyMigrations(db, { dir: defaultMigrationsDir() });
    const defs = await db.query<{ def: string }>(
      `select pg_get_functiondef(p.oid) as def from pg_proc p where p.pronamespace = 'auth'::regnamespace`,
    );
    expect(defs).toHaveLength(2);
    expect(defs.every((d) => d.def.includes('supabase-original'))).toBe(true);
    const roles = await db.query<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }>(
      `select rolname, rolbypassrls, rolcanlogin from pg_roles
       where rolname in ('anon', 'authenticated', 'service_role') order by rolname`,
    );
    expect(roles).toEqual([
      { rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'service_role', rolbypassrls: true, rolcanlogin: false },
    ]);
  });

  test('createRatingStore from DATABASE_URL migrates at start-up', async () => {
    const config = ratingStoreConfigSchema.parse({ DATABASE_URL: database.url });
    expect(config.backend).toBe('postgres');
    const { logger, lines } = createCaptureLogger();
    const store = await createRatingStore(config, { logger });
    try {
      await store.ping();
      expect(lines.filter((l) => l.includes('migration applied'))).toHaveLength(FILES.length);
      expect(store.description).toBe(`postgres ${database.url.replace(/\/$/, '')}`);
    } finally {
      await store.close();
    }
  });

  test('says it is ready in one log line, each key once (the real pino logger)', async () => {
    const config = ratingStoreConfigSchema.parse({ DATABASE_URL: database.url });
    const { logger, raw } = captureLogger('rating-store-test', 'info');
    const store = await createRatingStore(config, { logger });
    try {
      const ready = raw.filter((line) => line.includes('ready'));
      expect(ready).toHaveLength(1);
      expect(ready[0].match(/"backend":/g)).toHaveLength(1);
      expect(JSON.parse(ready[0])).toMatchObject({ component: 'rating-store', backend: 'postgres', database: store.description, msg: 'rating store ready' });
    } finally {
      await store.close();
    }
  });

});
