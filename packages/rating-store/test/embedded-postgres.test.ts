import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Pool } from 'pg';
import type { LeaderboardPage, RatingStore } from '../src';
import { createPostgresRatingStore } from '../src';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded';
import { album, albumId, expectedBoard, seededRandom } from './support/fixtures';

/** Parameterized statements whose text and values differ per call: a mixed-up Parse/Bind shows. */
function distinctQueries(pool: Pool, count: number, label: number): Promise<boolean>[] {
  return Array.from({ length: count }, async (_, i) => {
    const result = await pool.query<{ v: number; w: string }>(`select $1::int as v, '${label}-${i}'::text as w`, [i]);
    return result.rows[0]?.v === i && result.rows[0]?.w === `${label}-${i}`;
  });
}

const MAX_CONNECTIONS = 24;

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; !check(); i += 1) {
    if (i > 1_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('embedded Postgres (PGlite over TCP) shared by several connections', () => {
  let pg: EmbeddedPostgres;
  let pool: Pool;

  beforeAll(async () => {
    pg = await startEmbeddedPostgres({ dataDir: 'memory://', port: 0, idleInTransactionTimeoutMs: 2_000, maxConnections: MAX_CONNECTIONS });
    pool = new Pool({ connectionString: pg.url, max: 8 });
    await pool.query('create table probe (k int primary key)');
  }, 60_000);

  const cleanups: Array<() => Promise<unknown>> = [];
  const onCleanup = (fn: () => Promise<unknown>) => cleanups.push(fn);

  afterAll(async () => {
    for (const fn of cleanups.splice(0)) await fn();
    await pool?.end();
    await pg?.stop();
  });

  beforeEach(() => pool.query('truncate probe'));

  test('serves the migrated schema with a postgres:// URL', async () => {
    expect(pg.url).toBe(`postgres://postgres@127.0.0.1:${pg.port}/postgres`);
    expect(pg.migrations.applied).toHaveLength(3);
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from albumboard_private.schema_migrations');
    expect(rows[0].n).toBe(3);
  });

  test('queries queued behind an open transaction run after it, each with its own statement, never inside it', async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = await pool.connect();
      await a.query('begin');
      await a.query('insert into probe values ($1)', [1]);
      // Other connections: a write, a read and distinct parameterized statements, all sent while A's transaction is open.
      const write = pool.query('insert into probe values ($1)', [2]);
      const read = pool.query<{ n: number }>('select count(*)::int as n from probe where k = $1', [1]);
      const checks = distinctQueries(pool, 6, round);
      await waitFor(() => pg.stats().waiting >= 3, 'the other connections to queue');
      await a.query('rollback');
      a.release();
      await write;
      expect((await read).rows[0].n).toBe(0); // never saw A's uncommitted row
      expect(await Promise.all(checks)).toEqual(Array(6).fill(true));
      const { rows } = await pool.query<{ k: number }>('select k from probe order by k');
      expect(rows.map((r) => r.k)).toEqual([2]); // B's write survived A's rollback: it was not inside A's transaction
      await pool.query('truncate probe');
    }
  });

  test('500 concurrent parameterized queries over 8 connections all get their own answer', async () => {
    const results = await Promise.all(distinctQueries(pool, 500, 99));
    expect(results.every(Boolean)).toBe(true);
  });

  test('a client that disconnects inside a transaction is rolled back and the others go on', async () => {
    const a = new Client({ connectionString: pg.url });
    await a.connect();
    await a.query('begin');
    await a.query('insert into probe values (7)');
    const waiting = pool.query<{ n: number }>('select count(*)::int as n from probe');
    await a.end();
    expect((await waiting).rows[0].n).toBe(0);
    expect((await pool.query('select 1 as one')).rows[0].one).toBe(1);
  });

  test('a connection idle inside a transaction while others wait is closed and rolled back', async () => {
    const a = new Client({ connectionString: pg.url });
    a.on('error', () => undefined);
    await a.connect();
    await a.query('begin');
    await a.query('insert into probe values (8)');
    const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from probe'); // waits for the idle timeout
    expect(rows[0].n).toBe(0);
    await expect(a.query('commit')).rejects.toThrow();
    await a.end().catch(() => undefined);
  });

  test('statement errors, inside a transaction or an extended sequence, do not wedge the session', async () => {
    await expect(pool.query('select $1::int / 0 as boom', [1])).rejects.toMatchObject({ code: '22012' });
    const a = await pool.connect();
    await a.query('begin');
    await expect(a.query('select * from missing_table')).rejects.toMatchObject({ code: '42P01' });
    const waiting = pool.query<{ one: number }>('select $1::int as one', [1]);
    await expect(a.query('select 1')).rejects.toMatchObject({ code: '25P02' }); // aborted transaction, as in PostgreSQL
    await a.query('rollback');
    a.release();
    expect((await waiting).rows[0].one).toBe(1);
  });

  test('refuses a connection beyond maxConnections with SQLSTATE 53300, and takes it again once one leaves', async () => {
    const clients: Client[] = [];
    try {
      while (pg.stats().connections < MAX_CONNECTIONS) {
        const client = new Client({ connectionString: pg.url });
        await client.connect();
        clients.push(client);
      }
      const refused = new Client({ connectionString: pg.url });
      refused.on('error', () => undefined);
      await expect(refused.connect()).rejects.toMatchObject({ code: '53300' });
      await clients.pop()!.end();
      await waitFor(() => pg.stats().connections < MAX_CONNECTIONS, 'a connection slot');
      const again = new Client({ connectionString: pg.url });
      await again.connect();
      clients.push(again);
      expect((await again.query('select 2 as two')).rows[0].two).toBe(2);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  test('concurrent ratings, recomputes and reads from every store end in the exact board, every page whole', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresRatingStore({ databaseUrl: pg.url, poolMax: 4 })));
    onCleanup(() => Promise.all(stores.map((store) => store.close())));
    const [a, b, c] = stores;
    await a.upsertAlbums(Array.from({ length: 20 }, (_, i) => album(i)));
    const random = seededRandom(42);
    const users = Array.from({ length: 30 }, () => randomUUID());
    const expected = new Map<string, { albumId: string; score: number }>();
    let writing = true;
    const recomputes = (async () => {
      let runs = 0;
      while (writing || runs === 0) {
        await c.recomputeLeaderboard('all');
        runs += 1;
      }
      return runs;
    })();
    const pages: LeaderboardPage[] = [];
    const reads = (async () => {
      while (writing) pages.push(await b.getLeaderboard('all', { limit: 100 }));
    })();
    await Promise.all(
      users.map(async (user, u) => {
        for (let k = 0; k < 5; k += 1) {
          const target = albumId(Math.floor(random() * 20));
          const score = 1 + Math.floor(random() * 10);
          await stores[(u + k) % 2].submitRating(user, target, score);
          expected.set(`${user}|${target}`, { albumId: target, score });
        }
      }),
    );
    writing = false;
    expect(await recomputes).toBeGreaterThan(0);
    await reads;

    await c.recomputeLeaderboard('all');
    const board = await a.getLeaderboard('all', { limit: 100 });
    const want = expectedBoard(expected.values());
    expect(board.entries.map((e) => ({ rank: e.rank, albumId: e.album.id, ratingCount: e.ratingCount, score: e.score, average: e.average }))).toEqual(want);
    for (const page of pages) {
      expect(new Set(page.entries.map((e) => e.boardVersion)).size).toBeLessThanOrEqual(1);
      expect(page.entries.map((e) => e.rank)).toEqual(page.entries.map((_, i) => i + 1));
    }
  });
});

describe('embedded Postgres data directory', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'embedded-pg-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('keeps the data across restarts (migrations not re-applied); a draining stop serves its clients until they leave', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    const store = await createPostgresRatingStore({ databaseUrl: first.url, poolMax: 2 });
    let stopped = false;
    const stopping = first.stop({ drainTimeoutMs: 60_000 }).then(() => (stopped = true));
    await store.upsertAlbums([album(3)]); // still served while the server drains
    expect(stopped).toBe(false);
    await store.close();
    await stopping; // long before the drain time: its last client left
    expect(first.db.closed).toBe(true);

    const second = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    try {
      expect(second.migrations.applied).toEqual([]);
      expect(second.migrations.alreadyApplied).toHaveLength(3);
      const again = await createPostgresRatingStore({ databaseUrl: second.url, poolMax: 2 });
      expect((await again.getAlbum(albumId(3)))?.album.name).toBe('Album 3');
      await again.close();
    } finally {
      await second.stop();
    }
  }, 60_000);
});
