import { randomUUID } from 'node:crypto';
import { RatingStoreError, RatingStoreValidationError } from '../src';
import type { AlbumInput, LeaderboardWindow } from '../src';
import { ALL_BACKENDS, useHarness } from './support/backends';
import type { Harness } from './support/backends';
import { album, albumId } from './support/fixtures';

describe.each(ALL_BACKENDS)('RatingStore on %s', (_name, setup) => {
  let h: Harness;

  useHarness(setup, (harness) => (h = harness));

  /** Set updated_at of `user`'s ratings by album index (the trigger leaves it alone when the score is unchanged). */
  async function pinUpdatedAt(user: string, at: Record<number, string>): Promise<void> {
    for (const [i, iso] of Object.entries(at)) {
      await h.admin.query('update public.ratings set updated_at = $1 where user_id = $2 and album_id = $3', [
        iso,
        user,
        albumId(Number(i)),
      ]);
    }
  }

  test('ping answers and the description carries no secret', async () => {
    await expect(h.store.ping()).resolves.toBeUndefined();
    expect(h.store.backend).toBe(h.backend);
    if (h.supabase) expect(h.store.description).not.toContain(h.supabase.serviceRoleKey);
  });

  test('submitRating upserts one row per (user, album); re-sending a score changes nothing', async () => {
    await h.store.upsertAlbums([album(1)]);
    const user = randomUUID();

    const first = await h.store.submitRating(user, albumId(1), 7);
    expect(first).toMatchObject({ userId: user, albumId: albumId(1), score: 7 });
    const again = await h.store.submitRating(user, albumId(1), 7);
    expect(again.updatedAt.getTime()).toBe(first.updatedAt.getTime());
    const changed = await h.store.submitRating(user, albumId(1), 9);
    expect(changed.score).toBe(9);
    expect(changed.createdAt.getTime()).toBe(first.createdAt.getTime());
    expect(changed.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());

    const rows = await h.admin.query<{ score: number }>('select score from public.ratings');
    expect(rows).toEqual([{ score: 9 }]);
  });

  test('getAlbum returns the catalogue entry with its rating summary, null when unknown', async () => {
    await h.store.upsertAlbums([album(1)]);
    expect((await h.store.getAlbum(albumId(1)))?.summary).toEqual({ ratingCount: 0, average: null, score: null });
    await h.store.submitRating(randomUUID(), albumId(1), 10);
    await h.store.submitRating(randomUUID(), albumId(1), 7);

    const found = await h.store.getAlbum(albumId(1));
    expect(found?.album).toMatchObject({
      id: albumId(1),
      name: 'Album 1',
      artists: [{ id: expect.any(String), name: 'Artist 1' }],
      totalTracks: 11,
      releaseDate: '2020-01-01',
    });
    expect(found?.album.refreshedAt).toBeInstanceOf(Date);
    // (5 * 6 + 17) / (5 + 2) = 6.7143
    expect(found?.summary).toEqual({ ratingCount: 2, average: 8.5, score: 6.7143 });
    expect(await h.store.getAlbum(albumId(999))).toBeNull();
  });

  test('a rating for an album missing from the catalogue is album_not_found', async () => {
    await expect(h.store.submitRating(randomUUID(), albumId(5), 5)).rejects.toMatchObject({
      name: 'RatingStoreError',
      code: 'album_not_found',
    });
  });

  test('deleteRating tells whether a row was deleted', async () => {
    await h.store.upsertAlbums([album(1)]);
    const user = randomUUID();
    await h.store.submitRating(user, albumId(1), 4);
    expect(await h.store.deleteRating(randomUUID(), albumId(1))).toBe(false);
    expect(await h.store.deleteRating(user, albumId(1))).toBe(true);
    expect(await h.store.deleteRating(user, albumId(1))).toBe(false);
    expect(await h.store.listUserRatings(user)).toEqual({ total: 0, limit: 20, offset: 0, items: [] });
  });

  test('listUserRatings pages through one user\'s ratings, most recent change first', async () => {
    await h.store.upsertAlbums([album(1), album(2), album(3)]);
    const user = randomUUID();
    for (const i of [1, 2, 3]) await h.store.submitRating(user, albumId(i), i + 5);
    await h.store.submitRating(randomUUID(), albumId(1), 1);
    // Pin the first changes a day apart in the past: the clock alone can give two of them the same
    // updated_at, and a tie is ordered by album id, not by the order of the calls.
    await pinUpdatedAt(user, { 1: '2026-01-01T00:00:00Z', 2: '2026-01-02T00:00:00Z', 3: '2026-01-03T00:00:00Z' });
    await h.store.submitRating(user, albumId(1), 2); // album 1 becomes the most recent change (now())

    const firstPage = await h.store.listUserRatings(user, { limit: 2 });
    expect(firstPage).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(firstPage.items.map((r) => [r.albumId, r.score])).toEqual([
      [albumId(1), 2],
      [albumId(3), 8],
    ]);
    expect(firstPage.items[0].album).toEqual({
      id: albumId(1),
      name: 'Album 1',
      artists: [{ id: expect.any(String), name: 'Artist 1' }],
      imageUrl: 'https://i.scdn.co/image/1',
    });
    const secondPage = await h.store.listUserRatings(user, { limit: 2, offset: 2 });
    expect(secondPage).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(secondPage.items.map((r) => r.albumId)).toEqual([albumId(2)]);
    // Past the end: no rating, and still the count (the store answers it on a row of its own).
    expect(await h.store.listUserRatings(user, { limit: 2, offset: 4 })).toEqual({ total: 3, limit: 2, offset: 4, items: [] });
  });

  test('listUserRatings orders ratings changed at the same instant by album id', async () => {
    await h.store.upsertAlbums([album(1), album(2), album(3)]);
    const user = randomUUID();
    for (const i of [3, 1, 2]) await h.store.submitRating(user, albumId(i), i + 5);
    await pinUpdatedAt(user, { 1: '2026-01-01T00:00:00Z', 2: '2026-01-05T00:00:00Z', 3: '2026-01-05T00:00:00Z' });

    const ratings = await h.store.listUserRatings(user);
    expect(ratings.items.map((r) => r.albumId)).toEqual([albumId(2), albumId(3), albumId(1)]);
  });

  test('upsertAlbums refreshes existing entries and keeps the last duplicate of a batch', async () => {
    expect(await h.store.upsertAlbums([album(1), album(2)])).toBe(2);
    const before = await h.store.getAlbum(albumId(1));
    const renamed: AlbumInput = { ...album(1), name: 'Renamed', imageUrl: undefined };
    expect(await h.store.upsertAlbums([{ ...album(1), name: 'Old' }, renamed])).toBe(1);
    const after = await h.store.getAlbum(albumId(1));
    expect(after?.album).toMatchObject({ name: 'Renamed', imageUrl: null });
    expect(after?.album.createdAt.getTime()).toBe(before?.album.createdAt.getTime());
    expect(await h.store.upsertAlbums([])).toBe(0);
  });

  test('listStaleAlbums lists entries refreshed longer ago than asked, oldest first, up to the limit', async () => {
    await h.store.upsertAlbums([album(1), album(2), album(3)]);
    await h.admin.query("update public.albums set refreshed_at = now() - interval '40 days' where id = $1", [albumId(2)]);
    await h.admin.query("update public.albums set refreshed_at = now() - interval '35 days' where id = $1", [albumId(3)]);
    const stale = await h.store.listStaleAlbums(30 * 24 * 3600);
    expect(stale.map((a) => a.id)).toEqual([albumId(2), albumId(3)]);
    expect(stale[0]?.refreshedAt).toBeInstanceOf(Date);
    expect((await h.store.listStaleAlbums(30 * 24 * 3600, 1)).map((a) => a.id)).toEqual([albumId(2)]);
    expect(await h.store.listStaleAlbums(50 * 24 * 3600)).toEqual([]);
    await expect(h.store.listStaleAlbums(-1)).rejects.toBeInstanceOf(RatingStoreValidationError);
  });

  test('getLeaderboard is empty with computedAt null before the first recompute', async () => {
    const page = await h.store.getLeaderboard('week');
    expect(page).toEqual({ window: 'week', boardVersion: 0, computedAt: null, total: 0, limit: 20, offset: 0, entries: [] });
  });

  test('leaderboard pages keep the board header and ranks', async () => {
    await h.store.upsertAlbums([album(1), album(2), album(3)]);
    await h.store.submitRating(randomUUID(), albumId(1), 10); // (30+10)/6 = 6.6667
    for (let i = 0; i < 10; i++) await h.store.submitRating(randomUUID(), albumId(2), 8); // 110/15 = 7.3333
    await h.store.submitRating(randomUUID(), albumId(3), 2); // 32/6 = 5.3333

    const board = await h.store.recomputeLeaderboard('all');
    expect(board).toMatchObject({ window: 'all', version: 1, entryCount: 3 });
    const page = await h.store.getLeaderboard('all', { limit: 2, offset: 1 });
    expect(page).toMatchObject({ window: 'all', boardVersion: 1, total: 3, limit: 2, offset: 1 });
    expect(page.computedAt?.getTime()).toBe(board.computedAt.getTime());
    expect(page.entries.map((e) => [e.rank, e.album.id, e.score, e.ratingCount, e.average])).toEqual([
      [2, albumId(1), 6.6667, 1, 10],
      [3, albumId(3), 5.3333, 1, 2],
    ]);
    expect(page.entries[0].album.name).toBe('Album 1');
    const beyond = await h.store.getLeaderboard('all', { limit: 5, offset: 10 });
    expect(beyond).toMatchObject({ boardVersion: 1, total: 3, entries: [] });
  });

  test.each([
    ['score 0', (h: Harness) => h.store.submitRating(randomUUID(), albumId(1), 0)],
    ['score 11', (h: Harness) => h.store.submitRating(randomUUID(), albumId(1), 11)],
    ['score 3.5', (h: Harness) => h.store.submitRating(randomUUID(), albumId(1), 3.5)],
    ['score NaN', (h: Harness) => h.store.submitRating(randomUUID(), albumId(1), Number.NaN)],
    ['malformed album id', (h: Harness) => h.store.submitRating(randomUUID(), 'not-an-id', 5)],
    ['album id of 21 chars', (h: Harness) => h.store.getAlbum(albumId(1).slice(1))],
    ['malformed user id', (h: Harness) => h.store.deleteRating('user-1', albumId(1))],
    ['unknown window', (h: Harness) => h.store.getLeaderboard('month' as LeaderboardWindow)],
    ['unknown window on recompute', (h: Harness) => h.store.recomputeLeaderboard('daily' as LeaderboardWindow)],
    ['limit 0', (h: Harness) => h.store.listUserRatings(randomUUID(), { limit: 0 })],
    ['album without name', (h: Harness) => h.store.upsertAlbums([{ ...album(1), name: '' }])],
  ])('%s is a validation error that never reaches the database', async (_label, call) => {
    const before = h.supabase?.responder.requests.length;
    const failure = await call(h).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RatingStoreValidationError);
    expect(failure).toBeInstanceOf(RatingStoreError);
    expect(failure).toMatchObject({ code: 'validation', sqlstate: undefined });
    expect((failure as RatingStoreValidationError).issues.length).toBeGreaterThan(0);
    if (h.supabase) expect(h.supabase.responder.requests.length).toBe(before);
  });
});
