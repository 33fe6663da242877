import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { logger, recordingCaller, testConfig, useApiRedis } from '../support/test-env';

const ALBUM = '4aawyAB9vmqN3uQ7FjRGTy';

/** A known path asked with a method it does not serve: 405 with `Allow` (from the routers) and the error envelope. */
describe('405 method_not_allowed with Allow; 404 only for unknown paths', () => {
  const config = testConfig({ ADMIN_TOKEN: 'an-admin-token-of-32-characters!' });
  const spotify = recordingCaller();
  const { redis, track } = useApiRedis();
  track(config.QUEUE_PREFIX);
  let app: Express;
  beforeAll(() => {
    app = createApp({ config, redis, spotify, logger });
  });
  afterEach(() => expect(spotify.calls).toHaveLength(0));

  it.each<[string, string, string]>([
    ['POST', '/api/v1/search', 'GET, HEAD'],
    ['DELETE', '/api/v1/leaderboard', 'GET, HEAD'],
    ['PATCH', `/api/v1/albums/${ALBUM}/rating`, 'DELETE, PUT'],
    ['GET', `/api/v1/albums/${ALBUM}/rating`, 'DELETE, PUT'],
    ['PUT', `/api/v1/albums/${ALBUM}`, 'GET, HEAD'],
    ['POST', '/api/v1/me/ratings', 'GET, HEAD'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['DELETE', '/api/v1/openapi.json', 'GET, HEAD'],
    ['POST', '/', 'GET, HEAD'],
    ['POST', '/docs', 'GET, HEAD'],
    ['PUT', '/docs/', 'GET, HEAD'],
    ['POST', '/api/v1/status', 'GET, HEAD'],
  ])('%s %s → 405, Allow: %s', async (method, path, allow) => {
    const res = await request(app)[method.toLowerCase() as 'post'](path).expect(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ error: { code: 'method_not_allowed', message: `${method} is not allowed here; this path answers ${allow}` } });
  });

  it('OPTIONS on a known path answers with the same Allow (Express inside a router, the 404 handler elsewhere)', async () => {
    const routed = await request(app).options(`/api/v1/albums/${ALBUM}/rating`);
    expect([routed.status, routed.headers.allow]).toEqual([200, 'DELETE, PUT']);
    const docs = await request(app).options('/docs');
    expect([docs.status, docs.headers.allow]).toEqual([204, 'GET, HEAD']);
  });

  it('an unknown path is 404 not_found whatever the method, without Allow', async () => {
    for (const method of ['get', 'post', 'options'] as const) {
      const res = await request(app)[method]('/api/v1/nothing-here').expect(404);
      expect(res.headers.allow).toBeUndefined();
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such route' } });
    }
    // A malformed album id still names a route: its answer is the route's own 400, not 404 or 405.
    await request(app).get('/api/v1/albums/x').expect(400);
  });
});
