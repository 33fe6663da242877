import { randomUUID } from 'node:crypto';
import type { SqlQueryable } from '../src/sql/sql-database.types';
import { SQL_BACKENDS, useHarness } from './support/backends';
import type { Harness } from './support/backends';
import { album, albumId } from './support/fixtures';

type ApiRole = 'anon' | 'authenticated' | 'service_role';

/** Run `fn` in a transaction as PostgREST would: `set local role` + `request.jwt.claims`. */
function as<T>(h: Harness, role: ApiRole, sub: string | null, fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
  const claims = JSON.stringify(sub ? { sub, role } : { role });
  return h.admin.transaction(async (tx) => {
    await tx.exec(`set local role ${role}; set local request.jwt.claims = '${claims}'`);
    return fn(tx);
  });
}

/** The SQLSTATE a promise rejects with (throws if it resolves). */
async function sqlstate(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (e: unknown) => e as { code?: string },
  );
  return error.code ?? 'no code';
}

describe.each(SQL_BACKENDS)('row level security on %s', (_name, setup) => {
  let h: Harness;
  const alice = randomUUID();
  const bob = randomUUID();

  useHarness(
    setup,
    (harness) => (h = harness),
    async (harness) => {
      await harness.store.upsertAlbums([album(1), album(2)]);
      await harness.store.submitRating(bob, albumId(1), 4);
      await harness.store.recomputeLeaderboard('all');
    },
  );

  const scoreOf = async (user: string, id: string): Promise<number | null> => {
    const rows = await h.admin.query<{ score: number }>(
      'select score from public.ratings where user_id = $1::uuid and album_id = $2',
      [user, id],
    );
    return rows.length ? Number(rows[0].score) : null;
  };

  test('an authenticated user inserts, updates and deletes only their own rating', async () => {
    await as(h, 'authenticated', alice, (tx) =>
      tx.query(`insert into public.ratings (user_id, album_id, score) values ($1::uuid, $2, 6)`, [alice, albumId(1)]),
    );
    const updated = await as(h, 'authenticated', alice, (tx) =>
      tx.query(`update public.ratings set score = 8 where album_id = $1 returning user_id`, [albumId(1)]),
    );
    expect(updated).toEqual([{ user_id: alice }]); // bob's row on the same album is invisible
    expect(await scoreOf(alice, albumId(1))).toBe(8);
    expect(await scoreOf(bob, albumId(1))).toBe(4);

    const visible = await as(h, 'authenticated', alice, (tx) => tx.query('select user_id from public.ratings'));
    expect(visible).toEqual([{ user_id: alice }]);

    const deleted = await as(h, 'authenticated', alice, (tx) => tx.query('delete from public.ratings returning user_id'));
    expect(deleted).toEqual([{ user_id: alice }]);
    expect(await scoreOf(bob, albumId(1))).toBe(4);
  });

  test("another user's rows cannot be written, moved or removed", async () => {
    const insertForBob = as(h, 'authenticated', alice, (tx) =>
      tx.query(`insert into public.ratings (user_id, album_id, score) values ($1::uuid, $2, 10)`, [bob, albumId(2)]),
    );
    expect(await sqlstate(insertForBob)).toBe('42501');

    const updateBob = await as(h, 'authenticated', alice, (tx) =>
      tx.query('update public.ratings set score = 10 where user_id = $1::uuid returning 1', [bob]),
    );
    expect(updateBob).toHaveLength(0);
    const deleteBob = await as(h, 'authenticated', alice, (tx) =>
      tx.query('delete from public.ratings where user_id = $1::uuid returning 1', [bob]),
    );
    expect(deleteBob).toHaveLength(0);
    expect(await scoreOf(bob, albumId(1))).toBe(4);

    // Bob cannot hand his row to alice (user_id is not updatable) nor write timestamps.
    const move = as(h, 'authenticated', bob, (tx) => tx.query('update public.ratings set user_id = $1::uuid', [alice]));
    expect(await sqlstate(move)).toBe('42501');
    const stamp = as(h, 'authenticated', bob, (tx) =>
      tx.query("update public.ratings set updated_at = now() - interval '9 days'"),
    );
    expect(await sqlstate(stamp)).toBe('42501');
  });

  test('submit_rating, delete_rating and get_user_ratings refuse another user id', async () => {
    const mine = await as(h, 'authenticated', alice, (tx) =>
      tx.query('select * from public.submit_rating($1::uuid, $2, 9)', [alice, albumId(2)]),
    );
    expect(mine).toMatchObject([{ user_id: alice, album_id: albumId(2), score: 9 }]);

    for (const call of [
      'select * from public.submit_rating($1::uuid, $2, 1)',
      'select public.delete_rating($1::uuid, $2)',
    ]) {
      expect(await sqlstate(as(h, 'authenticated', alice, (tx) => tx.query(call, [bob, albumId(1)])))).toBe('42501');
    }
    const read = as(h, 'authenticated', alice, (tx) => tx.query('select * from public.get_user_ratings($1::uuid, 10, 0)', [bob]));
    expect(await sqlstate(read)).toBe('42501');
    // A JWT without sub gets no way round: row level security still refuses the insert.
    const noSub = as(h, 'authenticated', null, (tx) =>
      tx.query('select * from public.submit_rating($1::uuid, $2, 1)', [bob, albumId(2)]),
    );
    expect(await sqlstate(noSub)).toBe('42501');
    expect(await scoreOf(bob, albumId(1))).toBe(4);
    expect(await scoreOf(bob, albumId(2))).toBeNull();
  });

  test('users cannot write the catalogue or the boards', async () => {
    for (const statement of [
      `select public.upsert_albums('[]'::jsonb)`,
      `select * from public.recompute_leaderboard('all')`,
      `update public.albums set name = 'x'`,
      `delete from public.leaderboard_entries`,
      `update public.leaderboard_boards set version = 99`,
    ]) {
      expect(await sqlstate(as(h, 'authenticated', alice, (tx) => tx.query(statement)))).toBe('42501');
    }
  });

  test('anon reads boards, albums and summaries but writes nothing and sees no rating', async () => {
    const board = await as(h, 'anon', null, (tx) =>
      tx.query<{ album_id: string }>(`select * from public.get_leaderboard('all', 10, 0)`),
    );
    expect(board.map((r) => r.album_id)).toEqual([albumId(1)]);
    const albums = await as(h, 'anon', null, (tx) => tx.query('select id from public.albums order by id'));
    expect(albums).toEqual([{ id: albumId(1) }, { id: albumId(2) }]);
    const summary = await as(h, 'anon', null, (tx) =>
      tx.query<{ rating_count: number }>('select rating_count from public.get_album_summary($1)', [albumId(1)]),
    );
    expect(summary).toEqual([{ rating_count: 1 }]); // aggregate over everyone, no rows exposed

    for (const statement of [
      'select user_id from public.ratings',
      `insert into public.ratings (user_id, album_id, score) values ('${bob}', '${albumId(2)}', 5)`,
      `select * from public.submit_rating('${bob}'::uuid, '${albumId(2)}', 5)`,
      `insert into public.albums (id, name) values ('${albumId(3)}', 'x')`,
      `update public.leaderboard_entries set score = 0`,
    ]) {
      expect(await sqlstate(as(h, 'anon', null, (tx) => tx.query(statement)))).toBe('42501');
    }
  });

  test('service_role writes for any user and recomputes', async () => {
    await as(h, 'service_role', null, (tx) =>
      tx.query('select * from public.submit_rating($1::uuid, $2, 2)', [alice, albumId(2)]),
    );
    const board = await as(h, 'service_role', null, (tx) =>
      tx.query<{ entry_count: number }>(`select * from public.recompute_leaderboard('all')`),
    );
    expect(board[0].entry_count).toBe(2);
    expect(await scoreOf(alice, albumId(2))).toBe(2);
  });
});
