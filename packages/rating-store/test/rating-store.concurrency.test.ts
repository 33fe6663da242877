import { randomUUID } from 'node:crypto';
import type { LeaderboardPage } from '../src';
import { ALL_BACKENDS, useHarness } from './support/backends';
import type { Harness } from './support/backends';
import { album, albumId, expectedBoard, seededRandom } from './support/fixtures';

const USERS = 100;
const WRITES_PER_USER = 10;
const ALBUMS = 30;
const ALBUMS_PER_USER = 4;

describe.each(ALL_BACKENDS)('RatingStore on %s under concurrency', (_name, setup) => {
  let h: Harness;

  useHarness(
    setup,
    (harness) => (h = harness),
    async (harness) => {
      await harness.store.upsertAlbums(Array.from({ length: ALBUMS }, (_, i) => album(i)));
    },
  );

  test('1,000 concurrent writes by 100 users keep exactly the last score of each user, and the board matches', async () => {
    const random = seededRandom(20261128);
    const users = Array.from({ length: USERS }, () => randomUUID());
    const plans = users.map(() => {
      const picks = Array.from({ length: ALBUMS_PER_USER }, () => albumId(Math.floor(random() * ALBUMS)));
      return Array.from({ length: WRITES_PER_USER }, () => ({
        albumId: picks[Math.floor(random() * picks.length)],
        score: 1 + Math.floor(random() * 10),
      }));
    });
    // "Last" = the last write of the user's own sequence: each user awaits its writes in order,
    // all users run at the same time.
    const expected = new Map<string, number>();
    plans.forEach((plan, i) => plan.forEach((w) => expected.set(`${users[i]}|${w.albumId}`, w.score)));

    await Promise.all(
      users.map(async (user, i) => {
        for (const w of plans[i]) await h.store.submitRating(user, w.albumId, w.score);
      }),
    );

    const rows = await h.admin.query<{ user_id: string; album_id: string; score: number }>(
      'select user_id::text, album_id, score from public.ratings',
    );
    const actual = new Map(rows.map((r) => [`${r.user_id}|${r.album_id}`, Number(r.score)]));
    expect(rows).toHaveLength(expected.size);
    expect(actual).toEqual(expected);

    const board = await h.store.recomputeLeaderboard('all');
    const page = await h.store.getLeaderboard('all', { limit: 100 });
    const finalScores = [...expected].map(([key, score]) => ({ albumId: key.split('|')[1], score }));
    const want = expectedBoard(finalScores);
    expect(board.entryCount).toBe(want.length);
    expect(page.total).toBe(want.length);
    expect(
      page.entries.map((e) => ({
        rank: e.rank,
        albumId: e.album.id,
        ratingCount: e.ratingCount,
        score: e.score,
        average: e.average,
      })),
    ).toEqual(want);
    // Every rating is recent, so the week board is the same board.
    await h.store.recomputeLeaderboard('week');
    const week = await h.store.getLeaderboard('week', { limit: 100 });
    expect(week.entries.map((e) => e.album.id)).toEqual(want.map((e) => e.albumId));
  });

  test('a board is never read half-written while it is recomputed', async () => {
    const random = seededRandom(7);
    const voters = Array.from({ length: 40 }, () => randomUUID());
    for (let a = 0; a < ALBUMS; a++) await h.store.submitRating(voters[a % voters.length], albumId(a), 5);
    await h.store.recomputeLeaderboard('all');

    let done = false;
    const recompute = (async () => {
      for (let round = 0; round < 12; round++) {
        // Change some scores so consecutive boards differ in order as well as in version.
        const changes = voters.slice(0, 10).map((v) => ({
          voter: v,
          album: albumId(Math.floor(random() * ALBUMS)),
          score: 1 + Math.floor(random() * 10),
        }));
        await Promise.all(changes.map((c) => h.store.submitRating(c.voter, c.album, c.score)));
        await h.store.recomputeLeaderboard('all');
      }
      done = true;
    })();
    const read = async (): Promise<LeaderboardPage[]> => {
      const seen: LeaderboardPage[] = [];
      while (!done) seen.push(await h.store.getLeaderboard('all', { limit: 100 }));
      return seen;
    };
    const [, ...readers] = await Promise.all([recompute, read(), read(), read(), read()]);
    const pages = readers.flat();

    const ratedAlbums = Number(
      (await h.admin.query<{ n: number }>('select count(distinct album_id)::int as n from public.ratings'))[0].n,
    );
    expect(ratedAlbums).toBe(ALBUMS);
    for (const page of pages) {
      expect(page.entries).toHaveLength(ratedAlbums);
      expect(page.total).toBe(ratedAlbums);
      expect(page.entries.map((e) => e.rank)).toEqual(Array.from({ length: ratedAlbums }, (_, i) => i + 1));
      expect(new Set(page.entries.map((e) => e.boardVersion))).toEqual(new Set([page.boardVersion]));
      expect(new Set(page.entries.map((e) => e.computedAt.getTime()))).toEqual(new Set([page.computedAt?.getTime()]));
      expect(new Set(page.entries.map((e) => e.album.id)).size).toBe(ratedAlbums);
    }
    // The reads really interleaved with the recomputations.
    expect(new Set(pages.map((p) => p.boardVersion)).size).toBeGreaterThan(1);
  });

  test('the week board only counts ratings changed in the last 7 days', async () => {
    const [oldFan, newFan] = [randomUUID(), randomUUID()];
    await h.store.submitRating(oldFan, albumId(1), 10);
    await h.store.submitRating(oldFan, albumId(2), 3);
    await h.store.submitRating(newFan, albumId(2), 9);
    await h.admin.query(
      `update public.ratings set updated_at = now() - interval '8 days' where user_id = $1::uuid`,
      [oldFan],
    );

    await h.store.recomputeLeaderboard('week');
    const week = await h.store.getLeaderboard('week');
    expect(week.entries.map((e) => [e.album.id, e.ratingCount, e.average])).toEqual([[albumId(2), 1, 9]]);

    await h.store.recomputeLeaderboard('all');
    const all = await h.store.getLeaderboard('all');
    expect(all.entries.map((e) => [e.album.id, e.ratingCount])).toEqual([
      [albumId(1), 1],
      [albumId(2), 2],
    ]);

    // Changing an old score makes it recent again.
    await h.store.submitRating(oldFan, albumId(1), 8);
    await h.store.recomputeLeaderboard('week');
    const after = await h.store.getLeaderboard('week');
    expect(after.entries.map((e) => e.album.id).sort()).toEqual([albumId(1), albumId(2)]);
  });
});
