import { startRedis, tempDir, type RedisProcess } from '@albumboard/redis-connection/test-support';
import { call } from '../faults/support/http-client';
import { signHs256 } from '../faults/support/jwt';
import { Stack } from '../faults/support/stack';

/**
 * A small Redis stops nothing (issue 19): the whole deployment — the built apps as processes, default settings but an
 * ample Spotify budget and open rate limits — on a `redis-server --maxmemory 5mb --maxmemory-policy noeviction` of
 * the test's own. Before issue 19 each distinct search left about 9.6 KB in Redis (`pnpm bench:footprint`), so the
 * ~2.4 MB above the stack's own start-up footprint filled after about 250 searches; the test makes four times as many.
 * Then other data fills Redis to the brim (a SET is refused with OOM), and ratings, their boards and a new search must
 * still go through: the search cache gives its space back to the writes that meet the full Redis.
 */
const MAXMEMORY = 5 * 1024 * 1024;
const SEARCHES = 1000;
const CONCURRENCY = 4;
const USERS = ['ana', 'ben', 'chloe', 'dev', 'eli'];
const ALBUMS_PER_USER = 4;
const PREFIX = 'fullredis';

describe('a full Redis stops nothing', () => {
  const dir = tempDir('full-redis');
  let redis: RedisProcess;
  let stack: Stack;

  beforeAll(async () => {
    redis = await startRedis(dir.path, ['--maxmemory', String(MAXMEMORY), '--maxmemory-policy', 'noeviction']);
    stack = new Stack({
      redis: { env: { REDIS_URL: `redis://127.0.0.1:${redis.port}` }, prefix: PREFIX },
      env: {
        SPOTIFY_BUDGET_PER_30S: '1000000',
        EMULATOR_RATE_LIMIT_PER_30S: '0',
        EMULATOR_GENERATED_ARTISTS: String(SEARCHES + 100),
        API_RATE_LIMIT_SEARCH_PER_MIN: '1000000',
        API_RATE_LIMIT_PER_MIN: '1000000',
      },
    });
    await stack.boot();
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
    dir.cleanup();
  }, 60_000);

  const api = (path: string) => `${stack.apiUrl}${path}`;
  const query = (i: number) => `Generated Artist ${String(i).padStart(4, '0')}`;
  const search = (i: number) => call(api(`/api/v1/search?query=${encodeURIComponent(query(i))}`));
  const token = (user: string) => signHs256(`00000000-0000-4000-8000-${String(USERS.indexOf(user) + 1).padStart(12, '0')}`, stack.secrets.jwtSecret, stack.jwtIssuer);

  it('answers every search, rating and new search, puts every rating on the board, fails no job with OOM and keeps the schedulers', async () => {
    // 1. Several times more distinct searches than filled this Redis before: every one answered 200.
    const statuses = new Map<string, number>();
    const albumIds: string[] = [];
    let next = 1;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next <= SEARCHES) {
          const answer = await search(next++);
          statuses.set(answer.kind, (statuses.get(answer.kind) ?? 0) + 1);
          const albums = (answer.body as { items?: { id: string }[] } | undefined)?.items ?? [];
          if (albums[0]) albumIds.push(albums[0].id);
        }
      }),
    );
    expect(Object.fromEntries(statuses)).toEqual({ '200': SEARCHES });

    // 2. Redis full to the brim (other data took the rest): writes are refused from here on until something gives way.
    // Values of shrinking sizes, each until one is refused: what is left free is smaller than the smallest.
    let n = 0;
    for (const size of [65_536, 4_096, 256, 16]) {
      let refused = '';
      while (!refused) {
        const reply = await redis.cli('SET', `filler:${n++}`, 'x'.repeat(size)).catch((error: Error) => error.message);
        if (reply !== 'OK') refused = reply;
      }
      expect(refused).toMatch(/OOM command not allowed/);
    }

    // 3. Ratings from several users: every one 200, every rated album on the board.
    const rated = new Set<string>();
    const ratings: string[] = [];
    for (const [u, user] of USERS.entries()) {
      for (let a = 0; a < ALBUMS_PER_USER; a += 1) {
        const albumId = albumIds[u * ALBUMS_PER_USER + a];
        rated.add(albumId);
        const answer = await call(api(`/api/v1/albums/${albumId}/rating`), {
          method: 'PUT',
          headers: { authorization: `Bearer ${token(user)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ score: 1 + ((u + a) % 10) }),
        });
        ratings.push(answer.kind);
      }
    }
    expect(ratings).toEqual(Array(USERS.length * ALBUMS_PER_USER).fill('200'));
    const onBoard = async () => {
      const board = await call(api('/api/v1/leaderboard?window=all&limit=50'));
      return new Set(((board.body as { items?: { album: { id: string } }[] }).items ?? []).map((e) => e.album.id));
    };
    const deadline = Date.now() + 150_000; // the debounced recompute, or at the latest the scheduled one (every 60 s)
    let board = await onBoard();
    while ([...rated].some((id) => !board.has(id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      board = await onBoard();
    }
    expect([...rated].filter((id) => !board.has(id))).toEqual([]);

    // 4. A new uncached search still answers 200.
    const fresh = await search(SEARCHES + 1);
    expect(fresh.kind).toBe('200');
    expect(fresh.cached).toBe(false);

    // 5. No worker job failed with OOM (none in the failed sets, no "Job failed" line naming it).
    for (const queue of ['spotify', 'default', 'leaderboard']) {
      const failed = (await redis.cli('ZRANGE', `${PREFIX}:${queue}:failed`, '0', '-1')).split('\n').filter(Boolean);
      const reasons = await Promise.all(failed.map((id) => redis.cli('HGET', `${PREFIX}:${queue}:${id}`, 'failedReason')));
      expect([queue, reasons.filter((reason) => /OOM/.test(reason))]).toEqual([queue, []]);
    }
    for (const app of ['worker-spotify', 'worker-default', 'worker-leaderboard'] as const) {
      expect([app, stack.process(app).output().split('\n').filter((line) => line.includes('Job failed') && line.includes('OOM'))]).toEqual([app, []]);
    }

    // 6. The job schedulers are there, each with its next job.
    const schedulers = {
      leaderboard: ['leaderboard.recompute:all', 'leaderboard.recompute:week'],
      default: ['catalog.refresh-stale'],
    };
    for (const [queue, ids] of Object.entries(schedulers)) {
      expect((await redis.cli('ZRANGE', `${PREFIX}:${queue}:repeat`, '0', '-1')).split('\n').sort()).toEqual(ids);
      const pending = [
        ...(await redis.cli('ZRANGE', `${PREFIX}:${queue}:delayed`, '0', '-1')).split('\n'),
        ...(await redis.cli('LRANGE', `${PREFIX}:${queue}:wait`, '0', '-1')).split('\n'),
        ...(await redis.cli('LRANGE', `${PREFIX}:${queue}:active`, '0', '-1')).split('\n'),
      ];
      for (const id of ids) expect([id, pending.some((job) => job.startsWith(`repeat:${id}:`))]).toEqual([id, true]);
    }
    expect(Object.values(stack.liveness()).every(Boolean)).toBe(true);
  }, 900_000);
});
