import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { albumParamsSchema } from '../../src/schemas/album.schema';
import { linesLeaking } from '../support/secret-values';
import { expectDocumentedStatus, expectSafeAnswer, percentEncode, prototypeIsClean } from './support/answers';
import { KNOWN_ALBUM_ID, startHostileHarness, type HostileHarness } from './support/hostile-harness';

const TIMEOUT = { response: 9000, deadline: 10_000 };
const BASE62 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An album id path segment: the known album, a valid but unknown one, or anything at all (percent-encoded bytes too). */
const albumSegment = fc.oneof(
  { arbitrary: fc.constant(KNOWN_ALBUM_ID), weight: 3 },
  fc.string({ unit: fc.constantFrom(...BASE62), minLength: 22, maxLength: 22 }),
  fc.string({ maxLength: 40 }).map((s) => percentEncode(s)),
  fc.uint8Array({ minLength: 1, maxLength: 24 }).map((bytes) => percentEncode(bytes)),
  fc.constantFrom('..', '%2e%2e', '%2F', '__proto__', 'constructor', 'prototype', '%00', '%', '%ZZ', 'a'.repeat(5000), `${KNOWN_ALBUM_ID}%00`),
);

/** A JSON-ish body as raw text: real JSON (prototype keys included), near-JSON, junk, or something huge. */
const bodyText = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 10 }).map((score) => JSON.stringify({ score })), weight: 3 },
  fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
  fc.record({ score: fc.oneof(fc.integer({ min: -3, max: 14 }), fc.double(), fc.string(), fc.constant(null), fc.array(fc.integer())) }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"score":7,"__proto__":{"polluted":true}}',
    '{"__proto__":{"polluted":true},"score":5}',
    '{"constructor":{"prototype":{"polluted":true}},"score":5}',
    '{"score":{"__proto__":{"polluted":true}}}',
    '{"score":5,"score":6}',
    '{"score":1e1}',
    '{"score":"7"}',
    '[{"score":5}]',
    '{"score":5',
    '',
    '\u0000',
    `{"score":5,"pad":"${'x'.repeat(5000)}"}`,
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/xml',
  '*/*',
  'garbage',
);

describe('property: the rating, album and me routes under generated paths, bodies, tokens and content types', () => {
  let h: HostileHarness;
  let authorizations: fc.Arbitrary<string | undefined>;

  beforeAll(async () => {
    h = await startHostileHarness('prop_ratings');
    const wrongSecret = `Bearer ${await h.sign(randomUUID(), { secret: 'another-secret-of-at-least-32-characters' })}`;
    const expired = `Bearer ${await h.sign(randomUUID(), { expiresIn: -60 })}`;
    const noSubject = `Bearer ${await h.sign(undefined)}`;
    const notUuid = `Bearer ${await h.sign('admin')}`;
    const wrongIssuer = `Bearer ${await h.sign(randomUUID(), { issuer: 'https://evil.example' })}`;
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ sub: randomUUID(), exp: 4102444800 })).toString('base64url');
    authorizations = fc.oneof(
      { arbitrary: fc.constant(h.bearer), weight: 3 },
      fc.constant(undefined),
      fc.constantFrom(wrongSecret, expired, noSubject, notUuid, wrongIssuer, `Bearer ${header}.${claims}.`, 'Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'A'.repeat(9000)}`),
      fc.string({ unit: 'grapheme-ascii', maxLength: 120 }).map((s) => `Bearer ${s.replace(/[^\x20-\x7e]/g, '')}`),
    );
  });

  afterAll(async () => {
    await h.close();
  });

  it('PUT …/rating: no server error; a refused request never reaches Spotify', async () => {
    let ok = 0;
    await fc.assert(
      fc.asyncProperty(albumSegment, authorizations, contentType, bodyText, async (album, auth, type, body) => {
        const before = await h.settledUpstreamRequests();
        const req = request(h.server).put(`/api/v1/albums/${album}/rating`).timeout(TIMEOUT).set('Content-Type', type);
        if (auth !== undefined) req.set('Authorization', auth);
        const res = await req.send(body);
        expectSafeAnswer(res, `PUT ${album.slice(0, 60)} ${type} ${body.slice(0, 80)}`);
        expectDocumentedStatus('PUT', '/api/v1/albums/{albumId}/rating', res, `PUT ${album.slice(0, 60)} ${type}`);
        const idValid = albumParamsSchema.safeParse({ albumId: album }).success;
        if (res.status === 200) ok += 1;
        if (auth !== h.bearer || !idValid || [400, 401, 413, 415].includes(res.status)) expect(h.upstreamRequests()).toBe(before);
        if (auth === h.bearer && album === KNOWN_ALBUM_ID && type === 'application/json' && /^\{"score":([1-9]|10)\}$/.test(body)) {
          expect(res.status).toBe(200);
        }
        expect(prototypeIsClean()).toBe(true);
      }),
      { numRuns: 150 },
    );
    const res = await request(h.server).put(`/api/v1/albums/${KNOWN_ALBUM_ID}/rating`).set('Authorization', h.bearer).send({ score: 7 }).expect(200);
    expect(res.body).toMatchObject({ albumId: KNOWN_ALBUM_ID, score: 7 });
    expect(ok).toBeGreaterThanOrEqual(1); // generated requests do get all the way to a stored rating
  });

  it('DELETE …/rating: no server error, and never a Spotify call', async () => {
    await fc.assert(
      fc.asyncProperty(albumSegment, authorizations, async (album, auth) => {
        const before = await h.settledUpstreamRequests();
        const req = request(h.server).delete(`/api/v1/albums/${album}/rating`).timeout(TIMEOUT);
        if (auth !== undefined) req.set('Authorization', auth);
        const res = await req;
        expectSafeAnswer(res, `DELETE ${album.slice(0, 60)}`);
        expectDocumentedStatus('DELETE', '/api/v1/albums/{albumId}/rating', res, `DELETE ${album.slice(0, 60)}`);
        expect([204, 400, 401, 404]).toContain(res.status);
        expect(h.upstreamRequests()).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('GET /api/v1/albums/{id}: no server error; an invalid id never reaches Spotify', async () => {
    await fc.assert(
      fc.asyncProperty(albumSegment, fc.string({ maxLength: 30 }).map((s) => percentEncode(s)), async (album, qs) => {
        const before = await h.settledUpstreamRequests();
        const res = await request(h.server).get(`/api/v1/albums/${album}?x=${qs}`).timeout(TIMEOUT);
        expectSafeAnswer(res, `GET album ${album.slice(0, 60)}`);
        expectDocumentedStatus('GET', '/api/v1/albums/{albumId}', res, `GET album ${album.slice(0, 60)}`);
        if (!albumParamsSchema.safeParse({ albumId: album }).success) {
          expect([400, 404]).toContain(res.status);
          expect(h.upstreamRequests()).toBe(before);
        } else {
          expect([200, 404]).toContain(res.status); // 404 album_not_found: Spotify has no such album
        }
      }),
      { numRuns: 100 },
    );
  });

  it('GET /api/v1/me/ratings: no server error under generated tokens and paging, never a Spotify call', async () => {
    const paging = fc.array(fc.tuple(fc.constantFrom('limit', 'offset', 'limit[]', '__proto__', 'constructor'), fc.oneof(fc.integer({ min: -5, max: 20_000 }).map(String), fc.string({ maxLength: 12 }).map((s) => percentEncode(s)))), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(authorizations, paging, async (auth, pairs) => {
        const before = await h.settledUpstreamRequests();
        const req = request(h.server).get(`/api/v1/me/ratings?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`).timeout(TIMEOUT);
        if (auth !== undefined) req.set('Authorization', auth);
        const res = await req;
        expectSafeAnswer(res, `GET me ${JSON.stringify(pairs)}`);
        expectDocumentedStatus('GET', '/api/v1/me/ratings', res, `GET me ${JSON.stringify(pairs)}`);
        expect([200, 400, 401]).toContain(res.status);
        if (auth !== h.bearer) expect(res.status).toBe(401);
        expect(h.upstreamRequests()).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses oversized and non-JSON rating bodies with 4xx, without touching Spotify', async () => {
    const before = await h.settledUpstreamRequests();
    const put = () => request(h.server).put(`/api/v1/albums/${KNOWN_ALBUM_ID}/rating`).set('Authorization', h.bearer).timeout(TIMEOUT);
    expect((await put().set('Content-Type', 'application/json').send(`{"score":5,"pad":"${'x'.repeat(10_000)}"}`)).status).toBe(413);
    expect((await put().set('Content-Type', 'application/json').send(`{"score":5,"pad":"${'x'.repeat(2_000_000)}"}`)).status).toBe(413);
    expect((await put().set('Content-Type', 'text/plain').send('{"score":5}')).status).toBe(400);
    expect((await put().set('Content-Type', 'application/x-www-form-urlencoded').send('score=5')).status).toBe(400);
    expect((await put().set('Content-Type', 'application/json').send('{"score":5,"__proto__":{"polluted":true}}')).status).toBe(400);
    expect(h.upstreamRequests()).toBe(before);
    expect(prototypeIsClean()).toBe(true);
  });

  it('leaves Object.prototype unpolluted and writes no secret to the logs', () => {
    expect(prototypeIsClean()).toBe(true);
    expect(h.logLines.length).toBeGreaterThan(100);
    expect(linesLeaking(h.logLines, h.secrets)).toEqual([]);
  });
});
