import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { Pool } from 'pg';
import request from 'supertest';
import { createApp } from '../src/app';
import { buildSpotifyCaller } from '../src/spotify-caller';
import { captureLogger } from '@albumboard/test-support';
import { startJwksServer, type JwksServer } from './support/jwks-server';
import { linesLeaking, randomSecrets, secretValuesOf } from './support/secret-values';
import { createTestStore, type TestStore } from './support/test-database';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, testConfig } from './support/test-env';
import { signHs256 } from './support/tokens';

const ALBUM_ID = '4aawyAB9vmqN3uQ7FjRGTy';

describe('security: headers, CORS, internal errors and secrets', () => {
  const secrets = { ...randomSecrets(), SUPABASE_SERVICE_ROLE_KEY: `service-role-${Date.now().toString(36)}-key-value` };
  const { logger, raw: lines } = captureLogger('api-test', 'debug');
  let emulator: EmulatorHandle;
  let jwks: JwksServer;
  let redis: Redis;
  let store: TestStore;
  let spotify: SpotifyCaller;
  const prefixes: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, clientId: secrets.SPOTIFY_CLIENT_ID, clientSecret: secrets.SPOTIFY_CLIENT_SECRET });
    jwks = await startJwksServer();
    redis = apiRedis();
    await redis.connect();
    store = await createTestStore('security');
    await store.store.upsertAlbums([{ id: ALBUM_ID, name: 'Global Warming', artists: [{ id: '0TnOYISbd1XYRBk9myaseg', name: 'Pitbull' }] }]);
  });

  afterAll(async () => {
    await spotify?.close();
    for (const prefix of prefixes) await deletePrefix(redis, prefix);
    await redis.quit();
    await store.drop();
    await jwks.close();
    await emulator.close();
  });

  /** The app with every secret configured (direct mode, so the Spotify secret is really used on each call). */
  function app(overrides: Record<string, string> = {}): Express {
    const config = testConfig({
      ...secrets,
      SUPABASE_URL: jwks.url,
      SPOTIFY_CALL_MODE: 'direct',
      SPOTIFY_API_URL: `${emulator.url}/v1`,
      SPOTIFY_ACCOUNTS_URL: emulator.url,
      ...overrides,
    });
    prefixes.push(config.QUEUE_PREFIX);
    spotify ??= buildSpotifyCaller(config, redis, logger);
    return createApp({ config, redis, spotify, logger, ratings: store.store });
  }

  it('sends helmet headers on answers and errors alike, and no X-Powered-By', async () => {
    const api = app();
    for (const path of ['/healthz', '/api/v1/search?query=', '/nope']) {
      const res = await request(api).get(path);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('asks browsers to upgrade sub-resources to https (upgrade-insecure-requests) only when the request came over https', async () => {
    const directives = (res: request.Response): string[] =>
      String(res.headers['content-security-policy']).split(';').map((d) => d.trim().split(' ')[0]);
    // Plain HTTP: Swagger UI (/docs) and bull-board (/admin/queues) load their scripts from the same http origin.
    const plain = app({ ADMIN_TOKEN: 'csp-test-admin-token-000001' });
    for (const path of ['/docs/', '/admin/queues', '/healthz']) {
      const res = await request(plain).get(path).set('X-Forwarded-Proto', 'https'); // not trusted: TRUST_PROXY=false
      expect(directives(res)).toContain('default-src');
      expect(directives(res)).not.toContain('upgrade-insecure-requests');
    }
    // Behind a proxy TRUST_PROXY trusts, that says the client came over https: the directive is back.
    const proxied = app({ TRUST_PROXY: 'loopback' });
    const overHttps = await request(proxied).get('/docs/').set('X-Forwarded-Proto', 'https').expect(200);
    expect(directives(overHttps)).toContain('upgrade-insecure-requests');
    const overHttp = await request(proxied).get('/docs/').set('X-Forwarded-Proto', 'http').expect(200);
    expect(directives(overHttp)).not.toContain('upgrade-insecure-requests');
  });

  it('without CORS_ORIGINS sends no CORS headers, even to a preflight', async () => {
    const api = app();
    const res = await request(api).get('/api/v1/openapi.json').set('Origin', 'https://evil.example').expect(200);
    expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await request(api).options('/api/v1/search').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('with CORS_ORIGINS allows exactly those origins', async () => {
    const api = app({ CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' });
    const allowed = await request(api).get('/api/v1/openapi.json').set('Origin', 'https://app.example.com').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-expose-headers']).toContain('Retry-After');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    expect(allowed.headers.vary).toContain('Origin');

    const preflight = await request(api)
      .options(`/api/v1/albums/${ALBUM_ID}/rating`)
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/i);

    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'http://app.example.com', 'null']) {
      const refused = await request(api).get('/api/v1/openapi.json').set('Origin', origin).expect(200);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const refusedPreflight = await request(api).options('/api/v1/search').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
      expect(refusedPreflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers a real internal error (a database function gone) with a bare 500: no stack, no internal message', async () => {
    const api = app();
    const admin = new Pool({ connectionString: store.url, max: 1 });
    try {
      await admin.query('alter function get_album_summary(text) rename to get_album_summary_gone');
      const res = await request(api).get(`/api/v1/albums/${ALBUM_ID}`).expect(500);
      expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
      expect(res.text).not.toMatch(/get_album_summary|SQLSTATE|42883|at |\.ts|\.js|postgres/i);
      // …and it is logged for the operator, with its stack, on the request's line.
      expect(lines.some((line) => line.includes('"statusCode":500') && line.includes('"stack"'))).toBe(true);
    } finally {
      await admin.query('alter function get_album_summary_gone(text) rename to get_album_summary');
      await admin.end();
    }
  });

  it('writes no secret to any log line while secrets travel in headers, bodies and upstream calls', async () => {
    const api = app({ LOG_LEVEL: 'debug' });
    const user = `Bearer ${await signHs256('0b7ee7a4-3f43-4d4e-9c6e-0f6bd2d1a0bb', { secret: secrets.SUPABASE_JWT_SECRET, issuer: secrets.SUPABASE_JWT_ISSUER })}`;
    await request(api).get('/api/v1/search?query=Radiohead').expect(200); // the client secret goes to the token endpoint
    await request(api).put(`/api/v1/albums/${ALBUM_ID}/rating`).set('Authorization', user).send({ score: 8 }).expect(200);
    await request(api).get('/api/v1/me/ratings').set('Authorization', user).expect(200);
    const status = await request(api).get('/api/v1/status').set('Authorization', `Bearer ${secrets.ADMIN_TOKEN}`);
    expect(status.status).toBe(200);
    expect(linesLeaking([status.text], secretValuesOf(secrets))).toEqual([]); // the status answer names no secret either
    await request(api).get('/api/v1/status').set('Authorization', `Bearer ${secrets.ADMIN_TOKEN}x`);
    await request(api).get('/admin/queues').set('Authorization', `Basic ${Buffer.from(`ops:${secrets.ADMIN_TOKEN}`).toString('base64')}`);
    await request(api).get('/metrics').set('Authorization', `Bearer ${secrets.METRICS_TOKEN}`);
    await request(api).put(`/api/v1/albums/${ALBUM_ID}/rating`).set('Authorization', `Bearer ${secrets.SUPABASE_JWT_SECRET}`).send({ score: secrets.SUPABASE_SERVICE_ROLE_KEY });
    await request(api).put(`/api/v1/albums/${ALBUM_ID}/rating`).set('Authorization', user).set('Cookie', `s=${secrets.SPOTIFY_CLIENT_SECRET}`).send(`{"score":"${secrets.SPOTIFY_CLIENT_SECRET}"`);
    expect(emulator.stats().tokens.issued).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(10);
    expect(linesLeaking(lines, secretValuesOf(secrets))).toEqual([]);
  });
});
