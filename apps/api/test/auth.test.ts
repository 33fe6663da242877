import { randomUUID } from 'node:crypto';
import { redactConfig } from '@albumboard/observability';
import type { Express } from 'express';
import { generateKeyPair } from 'jose';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { DEV_JWT_SECRET } from '../src/auth/dev-auth';
import type { ApiConfig } from '../src/config';
import { createBackgroundJobs, type BackgroundJobs } from '../src/services/background-jobs';
import { captureLogger } from '@albumboard/test-support';
import { startJwksServer, type JwksServer } from './support/jwks-server';
import { createTestStore, type TestStore } from './support/test-database';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, recordingCaller, testConfig } from './support/test-env';
import { bearer, signHs256 } from './support/tokens';

const SERVICE_ROLE_KEY = 'sb-test-service-role-key-Zm9vYmFyYmF6cXV4cXV1eA';
const JWT_SECRET = 'sb-test-jwt-secret-c2VjcmV0LXNpZ25pbmcta2V5LTQy';
const ALBUM_ID = '4aawyAB9vmqN3uQ7FjRGTy';
const RATING = `/api/v1/albums/${ALBUM_ID}/rating`;
const ME = '/api/v1/me/ratings';
const NO_HANG_MS = 15_000;

describe('who is calling (bearer tokens) and whose rating it is', () => {
  const { logger, raw: lines } = captureLogger('api-test');
  const spotify = recordingCaller();
  const answers: string[] = [];
  const alice = randomUUID();
  const bob = randomUUID();
  let db: TestStore;
  let jwks: JwksServer;
  let redis: Redis;
  let devConfig: ApiConfig;
  let supabaseConfig: ApiConfig;
  let devApp: Express;
  let supabaseApp: Express;
  const jobs: BackgroundJobs[] = [];

  /** Every answer is kept, to check afterwards that no secret was ever returned. */
  function keep(res: request.Response): request.Response {
    answers.push(JSON.stringify({ headers: res.headers, body: res.body as unknown, text: res.text }));
    return res;
  }

  function appFor(config: ApiConfig): Express {
    const background = createBackgroundJobs(redis, config.QUEUE_PREFIX, logger);
    jobs.push(background);
    return createApp({ config, redis, spotify, logger, ratings: db.store, jobs: background });
  }

  beforeAll(async () => {
    db = await createTestStore('auth');
    jwks = await startJwksServer();
    redis = apiRedis();
    await redis.connect();
    devConfig = testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'debug' });
    supabaseConfig = testConfig({
      SUPABASE_URL: jwks.url,
      SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
      SUPABASE_JWT_SECRET: JWT_SECRET,
      LOG_LEVEL: 'debug',
    });
    // What index.ts logs at start.
    logger.info({ config: redactConfig(supabaseConfig) }, 'starting albumboard api');
    devApp = appFor(devConfig);
    supabaseApp = appFor(supabaseConfig);
    await db.store.upsertAlbums([{ id: ALBUM_ID, name: 'Global Warming', artists: [{ id: '0TnOYISbd1XYRBk9myaseg', name: 'Pitbull' }] }]);
  });

  afterAll(async () => {
    for (const background of jobs) await background.close();
    for (const config of [devConfig, supabaseConfig]) await deletePrefix(redis, config.QUEUE_PREFIX);
    await redis.quit();
    await jwks.close();
    await db.drop();
  });

  async function expect401(app: Express, method: 'get' | 'put' | 'delete', path: string, authorization?: string): Promise<request.Response> {
    let req = request(app)[method](path).timeout(NO_HANG_MS);
    if (authorization !== undefined) req = req.set('Authorization', authorization);
    if (method === 'put') req = req.send({ score: 7 });
    const res = keep(await req);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="albumboard"/);
    return res;
  }

  describe('refused tokens → 401 unauthorized with WWW-Authenticate: Bearer', () => {
    it.each([
      ['put', RATING],
      ['delete', RATING],
      ['get', ME],
    ] as const)('%s %s without a token', async (method, path) => {
      const res = await expect401(devApp, method, path);
      expect(res.headers['www-authenticate']).not.toContain('invalid_token');
    });

    it('a header that is not "Bearer <token>"', async () => {
      const token = await signHs256(alice);
      for (const header of [`Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer', `Token ${token}`, `Bearer ${token} extra`]) {
        const res = await expect401(devApp, 'get', ME, header);
        expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
      }
    });

    it('an expired token', async () => {
      const res = await expect401(devApp, 'get', ME, bearer(await signHs256(alice, { expiresIn: -3600 })));
      expect(res.body.error.message).toMatch(/expired/);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it('a bad signature (another secret, or a tampered payload)', async () => {
      await expect401(devApp, 'get', ME, bearer(await signHs256(alice, { secret: 'someone-elses-secret-0123456789abcdef' })));
      const [head, , signature] = (await signHs256(alice)).split('.');
      const forged = Buffer.from(JSON.stringify({ sub: bob, role: 'authenticated', iss: 'albumboard-dev', aud: 'authenticated', exp: 4102444800 })).toString('base64url');
      const res = await expect401(devApp, 'get', ME, bearer(`${head}.${forged}.${signature}`));
      expect(res.body.error.message).toMatch(/signature/);
    });

    it('a wrong audience or a wrong issuer', async () => {
      const wrongAud = await expect401(devApp, 'get', ME, bearer(await signHs256(alice, { audience: 'anon' })));
      expect(wrongAud.body.error.message).toBe('The access token was not issued for this API');
      await expect401(devApp, 'get', ME, bearer(await signHs256(alice, { issuer: 'https://evil.example/auth/v1' })));
      await expect401(supabaseApp, 'get', ME, bearer(await signHs256(alice, { secret: JWT_SECRET, issuer: 'albumboard-dev' })));
      await expect401(supabaseApp, 'get', ME, bearer(await jwks.sign(alice, { issuer: `${jwks.url}/auth/v1`, audience: 'service_role' })));
    });

    it('a token naming no user, an unsigned token, or garbage', async () => {
      await expect401(devApp, 'get', ME, bearer(await signHs256(undefined)));
      await expect401(devApp, 'get', ME, bearer(await signHs256('not-a-uuid')));
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: alice, iss: 'albumboard-dev', aud: 'authenticated', exp: 4102444800 })).toString('base64url')}.`;
      await expect401(devApp, 'get', ME, bearer(none));
      await expect401(devApp, 'get', ME, bearer('abc.def.ghi'));
    });

    it('the public dev secret once Supabase auth is configured', async () => {
      await expect401(supabaseApp, 'get', ME, bearer(await signHs256(alice, { issuer: `${jwks.url}/auth/v1` })));
    });
  });

  describe('accepted tokens', () => {
    it('a dev token in dev auth mode', async () => {
      const res = keep(await request(devApp).get(ME).set('Authorization', bearer(await signHs256(alice))).expect(200));
      expect(res.body).toEqual({ items: [], total: 0, limit: 20, offset: 0, nextOffset: null });
    });

    it('an RS256 token verified against the project JWKS (fetched from <SUPABASE_URL>/auth/v1/.well-known/jwks.json)', async () => {
      const token = await jwks.sign(alice, { issuer: `${jwks.url}/auth/v1`, audience: 'authenticated' });
      keep(await request(supabaseApp).get(ME).set('Authorization', bearer(token)).expect(200));
      expect(jwks.requests()).toBeGreaterThanOrEqual(1);
      const other = await generateKeyPair('RS256');
      const unknownKey = await jwks.sign(alice, { issuer: `${jwks.url}/auth/v1`, audience: 'authenticated', kid: 'rotated-away', privateKey: other.privateKey });
      const res = await expect401(supabaseApp, 'get', ME, bearer(unknownKey));
      expect(res.body.error.message).toMatch(/unknown key/);
      const forgedWithKnownKid = await jwks.sign(alice, { issuer: `${jwks.url}/auth/v1`, audience: 'authenticated', privateKey: other.privateKey });
      await expect401(supabaseApp, 'get', ME, bearer(forgedWithKnownKid));
      await expect401(supabaseApp, 'get', ME, bearer(await jwks.sign(alice, { issuer: `${jwks.url}/auth/v1`, audience: 'authenticated', expiresIn: -60 })));
    });

    it('an HS256 token signed with SUPABASE_JWT_SECRET (older projects)', async () => {
      const token = await signHs256(alice, { secret: JWT_SECRET, issuer: `${jwks.url}/auth/v1` });
      keep(await request(supabaseApp).get(ME).set('Authorization', bearer(token)).expect(200));
    });

    it('answers 503 auth_unavailable (not 401, not 500) when the JWKS cannot be fetched', async () => {
      const config = testConfig({ SUPABASE_URL: 'http://127.0.0.1:1', SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY });
      const app = appFor(config);
      const token = await jwks.sign(alice, { issuer: 'http://127.0.0.1:1/auth/v1', audience: 'authenticated' });
      const res = keep(await request(app).get(ME).set('Authorization', bearer(token)).timeout(NO_HANG_MS));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('auth_unavailable');
      expect(res.headers['retry-after']).toBe('5');
    });
  });

  describe("one user cannot touch another user's rating", () => {
    it("B's PUT changes only B's row, B's DELETE never removes A's", async () => {
      const aliceToken = bearer(await signHs256(alice));
      const bobToken = bearer(await signHs256(bob));
      const a = keep(await request(devApp).put(RATING).set('Authorization', aliceToken).send({ score: 8 }).expect(200));
      expect(a.body).toMatchObject({ albumId: ALBUM_ID, userId: alice, score: 8 });

      const b = keep(await request(devApp).put(RATING).set('Authorization', bobToken).send({ score: 2 }).expect(200));
      expect(b.body).toMatchObject({ userId: bob, score: 2 });
      // Smuggling the other user's id in is refused outright.
      keep(await request(devApp).put(RATING).set('Authorization', bobToken).send({ score: 1, userId: alice }).expect(400));
      expect((await db.store.listUserRatings(alice)).items.map((r) => r.score)).toEqual([8]);

      keep(await request(devApp).delete(RATING).set('Authorization', bobToken).expect(204));
      const again = keep(await request(devApp).delete(RATING).set('Authorization', bobToken).expect(404));
      expect(again.body.error.code).toBe('not_found');
      expect((await db.store.listUserRatings(alice)).items.map((r) => r.score)).toEqual([8]);
      expect((await db.store.listUserRatings(bob)).items).toEqual([]);

      const mine = keep(await request(devApp).get(ME).set('Authorization', aliceToken).expect(200));
      expect(mine.body.items).toEqual([expect.objectContaining({ albumId: ALBUM_ID, score: 8 })]);
      expect((await db.store.getAlbum(ALBUM_ID))?.summary.ratingCount).toBe(1);
      expect(spotify.calls).toHaveLength(0);
    });
  });

  it('never logs or answers the service-role key, the JWT secret, the dev secret or a token', async () => {
    const token = await signHs256(alice, { secret: JWT_SECRET, issuer: `${jwks.url}/auth/v1` });
    keep(await request(supabaseApp).put(RATING).set('Authorization', bearer(token)).send({ score: 9 }).expect(200));
    keep(await request(supabaseApp).get('/api/v1/openapi.json').expect(200));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((line) => line.includes('"SUPABASE_SERVICE_ROLE_KEY":"[redacted]"'))).toBe(true);
    const everything = [...lines, ...answers].join('\n');
    for (const secret of [SERVICE_ROLE_KEY, JWT_SECRET, DEV_JWT_SECRET, token, token.split('.')[2]]) {
      expect(everything).not.toContain(secret);
    }
  });
});
