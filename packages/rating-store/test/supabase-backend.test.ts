import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import type { SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { RatingStoreError, createRatingStore, createSupabaseRatingStore, describeBackend } from '../src';
import type { RatingStore } from '../src';
import { SUPABASE_TEST_URL, supabaseHarness } from './support/backends';
import type { Harness, SupabaseParts } from './support/backends';
import { createCaptureLogger } from './support/capture-logger';
import { album, albumId } from './support/fixtures';
import { signJwt } from './support/jwt';

/** A supabase-js client as a browser would hold it: anon key, optionally a user's access token. */
function userClient(parts: SupabaseParts, accessToken?: string): SupabaseClient {
  return createClient(SUPABASE_TEST_URL, parts.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as never },
    global: { fetch: parts.responder.fetch },
    ...(accessToken ? { accessToken: async () => accessToken } : {}),
  });
}

async function failureOf(promise: Promise<unknown>): Promise<RatingStoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RatingStoreError);
  return error as RatingStoreError;
}

describe('Supabase back end through supabase-js and the PostgREST responder', () => {
  let h: Harness;
  let parts: SupabaseParts;

  beforeAll(async () => {
    h = await supabaseHarness();
    parts = h.supabase as SupabaseParts;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  beforeEach(async () => {
    await h.reset();
    parts.responder.requests.length = 0;
  });

  test('the store only sends POST /rest/v1/rpc/<function> as service_role', async () => {
    const user = randomUUID();
    await h.store.upsertAlbums([album(1)]);
    await h.store.submitRating(user, albumId(1), 8);
    await h.store.listUserRatings(user);
    await h.store.getAlbum(albumId(1));
    await h.store.recomputeLeaderboard('week');
    await h.store.getLeaderboard('week');
    await h.store.deleteRating(user, albumId(1));
    await h.store.ping();

    const { requests } = parts.responder;
    expect(new Set(requests.map((r) => `${r.method} ${r.path}`))).toEqual(
      new Set(
        [
          'upsert_albums',
          'submit_rating',
          'get_user_ratings',
          'get_album_summary',
          'recompute_leaderboard',
          'get_leaderboard',
          'delete_rating',
          'rating_store_health',
        ].map((fn) => `POST /rest/v1/rpc/${fn}`),
      ),
    );
    expect(requests.every((r) => r.role === 'service_role' && r.status === 200)).toBe(true);
  });

  test('a signed-in user cannot rate for someone else through the REST API', async () => {
    await h.store.upsertAlbums([album(1)]);
    const [alice, bob] = [randomUUID(), randomUUID()];
    const exp = Math.floor(Date.now() / 1000) + 600;
    const aliceToken = signJwt({ sub: alice, role: 'authenticated', exp }, parts.jwtSecret);
    const asAlice = userClient(parts, aliceToken);

    const forBob = await asAlice.rpc('submit_rating', { p_user_id: bob, p_album_id: albumId(1), p_score: 10 });
    expect(forBob.status).toBe(403);
    expect(forBob.error).toMatchObject({ code: '42501', message: 'cannot write a rating for another user' });

    const forAlice = await asAlice.rpc('submit_rating', { p_user_id: alice, p_album_id: albumId(1), p_score: 7 });
    expect(forAlice.status).toBe(200);
    expect(forAlice.data).toMatchObject([{ user_id: alice, album_id: albumId(1), score: 7 }]);

    const recompute = await asAlice.rpc('recompute_leaderboard', { p_window: 'all' });
    expect(recompute).toMatchObject({ status: 403, error: { code: '42501' } });
    expect(await h.admin.query('select user_id::text from public.ratings')).toEqual([{ user_id: alice }]);
  });

  test('anon reads boards and albums but cannot write; forged or expired tokens are refused', async () => {
    await h.store.upsertAlbums([album(1)]);
    await h.store.submitRating(randomUUID(), albumId(1), 9);
    await h.store.recomputeLeaderboard('all');
    const anon = userClient(parts);

    const board = await anon.rpc('get_leaderboard', { p_window: 'all', p_limit: 5, p_offset: 0 });
    expect(board.status).toBe(200);
    expect(board.data).toMatchObject([{ rank: 1, album_id: albumId(1), rating_count: 1, score: 6.5 }]);
    const summary = await anon.rpc('get_album_summary', { p_album_id: albumId(1) });
    expect(summary.data).toMatchObject([{ id: albumId(1), rating_count: 1 }]);

    const write = await anon.rpc('submit_rating', { p_user_id: randomUUID(), p_album_id: albumId(1), p_score: 1 });
    expect(write).toMatchObject({ status: 401, error: { code: '42501' } });
    const catalogue = await anon.rpc('upsert_albums', { p_albums: [] });
    expect(catalogue).toMatchObject({ status: 401, error: { code: '42501' } });

    const forged = signJwt({ sub: randomUUID(), role: 'service_role' }, 'not-the-project-secret');
    const forgedCall = await userClient(parts, forged).rpc('get_leaderboard', { p_window: 'all', p_limit: 1, p_offset: 0 });
    expect(forgedCall).toMatchObject({ status: 401, error: { code: 'PGRST301' } });
    const expired = signJwt({ sub: randomUUID(), role: 'authenticated', exp: 1 }, parts.jwtSecret);
    const args = { p_user_id: randomUUID(), p_limit: 1, p_offset: 0 };
    const expiredCall = await userClient(parts, expired).rpc('get_user_ratings', args);
    expect(expiredCall).toMatchObject({ status: 401, error: { code: 'PGRST303' } });
  });

  test('database and transport failures become typed errors', async () => {
    expect(await failureOf(h.store.submitRating(randomUUID(), albumId(9), 5))).toMatchObject({
      code: 'album_not_found',
      sqlstate: '23503',
      httpStatus: 409,
    });

    const unknownFn = userClient(parts);
    expect(await unknownFn.rpc('no_such_function', {})).toMatchObject({ status: 404, error: { code: 'PGRST202' } });

    const down = await createSupabaseRatingStore({
      supabaseUrl: SUPABASE_TEST_URL,
      serviceRoleKey: parts.serviceRoleKey,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    expect(await failureOf(down.ping())).toMatchObject({ code: 'unavailable', httpStatus: undefined });
  });

  test('the service-role key appears in no log line and no error message', async () => {
    const key = parts.serviceRoleKey;
    const { logger, lines } = createCaptureLogger();
    const stores: RatingStore[] = [];
    const make = async (fetchImpl: typeof fetch, serviceRoleKey = key): Promise<RatingStore> => {
      const store = await createRatingStore(
        { backend: 'supabase', supabaseUrl: SUPABASE_TEST_URL, serviceRoleKey },
        { logger, fetch: fetchImpl },
      );
      stores.push(store);
      return store;
    };

    const good = await make(parts.responder.fetch);
    await good.upsertAlbums([album(1)]);
    await good.submitRating(randomUUID(), albumId(1), 3);
    const errors: RatingStoreError[] = [await failureOf(good.submitRating(randomUUID(), albumId(2), 3))];

    // A transport whose failure text echoes the credentials it was given.
    const leaky = await make((async (_input: unknown, init?: RequestInit) => {
      throw new Error(`connect failed for ${new Headers(init?.headers).get('authorization') ?? ''}`);
    }) as typeof fetch);
    errors.push(await failureOf(leaky.ping()));
    // A server answering 500 with the key in its error body.
    const echo = await make((async () =>
      new Response(JSON.stringify({ code: 'XX000', message: `bad key ${key}`, details: key, hint: null }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      })) as typeof fetch);
    errors.push(await failureOf(echo.getLeaderboard('all')));
    // A key the server does not accept (wrong signature) -> 401.
    const wrongKey = signJwt({ role: 'service_role' }, 'some-other-secret');
    errors.push(await failureOf((await make(parts.responder.fetch, wrongKey)).ping()));

    expect(errors.map((e) => e.code)).toEqual(['album_not_found', 'unavailable', 'internal', 'forbidden']);
    expect(lines.some((l) => l.includes('rating store call failed'))).toBe(true);
    expect(lines.some((l) => l.includes('rating store ready'))).toBe(true);
    const texts = [
      ...lines,
      ...errors.flatMap((e) => [e.message, String(e), e.stack ?? '', JSON.stringify(e)]),
      describeBackend({ backend: 'supabase', supabaseUrl: SUPABASE_TEST_URL, serviceRoleKey: key }),
      ...stores.map((s) => s.description),
    ];
    for (const text of texts) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(wrongKey);
    }
    await Promise.all(stores.map((s) => s.close()));
  });
});
