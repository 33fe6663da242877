import request from 'supertest';
import { startAppOnDeadStore } from './support/app-on-dead-store';
import { useStarted } from '@albumboard/test-support';

const ALBUM_ID = '4aawyAB9vmqN3uQ7FjRGTy';
const RATING = `/api/v1/albums/${ALBUM_ID}/rating`;

/**
 * Every request here is invalid. The store points at a closed port and the Spotify caller throws: an answer of 400
 * (rather than 503 or 500) proves the input was refused before anything was called.
 */
describe('rating routes refuse bad input with 400 and the error shape', () => {
  const harness = useStarted(() => startAppOnDeadStore('0b7ee7a4-3f43-4d4e-9c6e-0f6bd2d1a001'));

  afterEach(() => {
    expect(harness.spotify.calls).toHaveLength(0);
  });

  function expectInvalid(res: request.Response, path?: string): void {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error).toEqual(expect.objectContaining({ code: 'invalid_request', message: expect.any(String) }));
    if (path !== undefined) expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|node_modules|postgres/);
  }

  it.each<[string, unknown]>([
    ['0', { score: 0 }],
    ['11', { score: 11 }],
    ['3.5', { score: 3.5 }],
    ['"7" (a string)', { score: '7' }],
    ['null', { score: null }],
    ['missing', {}],
    ['-1', { score: -1 }],
    ['1e3', { score: 1e3 }],
    ['an array', { score: [7] }],
  ])('score %s → 400 naming score', async (_name, body) => {
    expectInvalid(await request(harness.app).put(RATING).set('Authorization', harness.auth).send(body as object), 'score');
  });

  it('an unknown field → 400 (nothing but score is accepted)', async () => {
    expectInvalid(await request(harness.app).put(RATING).set('Authorization', harness.auth).send({ score: 5, albumId: 'x' }));
  });

  it.each([
    ['too short', 'abc'],
    ['23 characters', `${ALBUM_ID}x`],
    ['not base62', '4aawyAB9vmqN3uQ7FjRG-y'],
    ['percent-encoded junk', '%27%3B%20drop%20table'],
  ])('a malformed album id (%s) → 400 naming albumId, on every album route', async (_name, id) => {
    expectInvalid(await request(harness.app).put(`/api/v1/albums/${id}/rating`).set('Authorization', harness.auth).send({ score: 5 }), 'albumId');
    expectInvalid(await request(harness.app).delete(`/api/v1/albums/${id}/rating`).set('Authorization', harness.auth), 'albumId');
    expectInvalid(await request(harness.app).get(`/api/v1/albums/${id}`), 'albumId');
  });

  it('a body that is not JSON, or JSON that is not an object → 400', async () => {
    const malformed = await request(harness.app).put(RATING).set('Authorization', harness.auth).set('Content-Type', 'application/json').send('{"score": 7');
    expect(malformed.body).toEqual({ error: { code: 'invalid_request', message: 'The body is not valid JSON' } });
    for (const raw of ['7', '"7"', 'null', 'score=7']) {
      expectInvalid(await request(harness.app).put(RATING).set('Authorization', harness.auth).set('Content-Type', 'application/json').send(raw));
    }
    expectInvalid(await request(harness.app).put(RATING).set('Authorization', harness.auth).set('Content-Type', 'application/json').send('[7]'));
  });

  it.each<[string, string]>([
    ['9', 'body must be a JSON object, e.g. {"score": 7}'],
    ['[9]', 'body must be a JSON object, e.g. {"score": 7}'],
    ['"7"', 'body must be a JSON object, e.g. {"score": 7}'],
    ['null', 'body must be a JSON object, e.g. {"score": 7}'],
    ['{}', 'score is required'],
    ['{"score": 11}', 'score must be a whole number from 1 to 10'],
    ['{"score": 7, "note": "x", "albumId": "y"}', 'body may hold only "score", not "note", "albumId"'],
  ])('the body %s → 400 saying "%s"', async (raw, message) => {
    const res = await request(harness.app).put(RATING).set('Authorization', harness.auth).set('Content-Type', 'application/json').send(raw);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_request', message });
  });

  it('a body that is not declared application/json → 400', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await request(harness.app).put(RATING).set('Authorization', harness.auth).set('Content-Type', type).send(type.includes('form') ? 'score=7' : '{"score":7}');
      expectInvalid(res);
      expect(res.body.error.message).toMatch(/application\/json/);
    }
    expectInvalid(await request(harness.app).put(RATING).set('Authorization', harness.auth));
  });

  it('a body over 4 kb → 413 payload_too_large with the error shape', async () => {
    const res = await request(harness.app).put(RATING).set('Authorization', harness.auth).send({ score: 5, pad: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'payload_too_large', message: 'The request body is too large (at most 4 KB)' } });
  });

  it.each([
    ['window=month', 'window'],
    ['window=ALL', 'window'],
    ['window=', 'window'],
    ['window=all&window=week', 'window'],
    ['window[]=all', 'window'],
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=2.5', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=10001', 'offset'],
  ])('GET /api/v1/leaderboard?%s → 400 naming %s', async (qs, path) => {
    expectInvalid(await request(harness.app).get(`/api/v1/leaderboard?${qs}`), path);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=x', 'offset'],
  ])('GET /api/v1/me/ratings?%s → 400 naming %s', async (qs, path) => {
    expectInvalid(await request(harness.app).get(`/api/v1/me/ratings?${qs}`).set('Authorization', harness.auth), path);
  });
});
