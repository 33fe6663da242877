import request from 'supertest';
import { createApp } from '../../src/app';
import { logger, recordingCaller, testConfig, useApiRedis } from '../support/test-env';

const ADMIN_TOKEN = 'test-admin-token-0123456789';
const METRICS_TOKEN = 'test-metrics-token-0123456789';
const basic = (password: string) => `Basic ${Buffer.from(`ops:${password}`).toString('base64')}`;

describe('admin routes: /api/v1/status and /admin/queues', () => {
  const { redis, track } = useApiRedis();
  const app = (overrides: Record<string, string> = {}) => {
    const config = testConfig(overrides);
    track(config.QUEUE_PREFIX);
    return createApp({ config, redis, spotify: recordingCaller(), logger });
  };

  it('do not exist without ADMIN_TOKEN: 404 even with a token', async () => {
    const open = app();
    for (const path of ['/api/v1/status', '/admin/queues', '/admin/queues/api/queues']) {
      const res = await request(open).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such route' } });
    }
  });

  it('refuse a request without the token, or with a wrong one, with 401 and a challenge', async () => {
    const guarded = app({ ADMIN_TOKEN });
    const status = await request(guarded).get('/api/v1/status').expect(401);
    expect(status.body.error.code).toBe('unauthorized');
    expect(status.headers['www-authenticate']).toMatch(/^Bearer /);
    await request(guarded).get('/api/v1/status').set('Authorization', `Bearer ${ADMIN_TOKEN}x`).expect(401);
    await request(guarded).get('/api/v1/status').set('Authorization', ADMIN_TOKEN).expect(401);
    const board = await request(guarded).get('/admin/queues').expect(401);
    expect(board.headers['www-authenticate']).toMatch(/^Basic realm="albumboard admin"/);
    await request(guarded).get('/admin/queues/api/queues').set('Authorization', basic('wrong-token-0123456789')).expect(401);
    expect(status.text).not.toContain(ADMIN_TOKEN);
  });

  it('answer with the token as a Bearer token or as the Basic password', async () => {
    const guarded = app({ ADMIN_TOKEN });
    const status = await request(guarded).get('/api/v1/status').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    expect(status.body.queues.map((q: { queue: string }) => q.queue)).toEqual(['default', 'spotify', 'leaderboard']);
    expect(status.headers['cache-control']).toBe('no-store');
    await request(guarded).get('/api/v1/status').set('Authorization', basic(ADMIN_TOKEN)).expect(200);
    const page = await request(guarded).get('/admin/queues').set('Authorization', basic(ADMIN_TOKEN)).expect(200);
    expect(page.text).toContain('<div id="root">');
    const queues = await request(guarded).get('/admin/queues/api/queues').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['default', 'leaderboard', 'spotify']);
  });

  it('refuse a cross-site state change authenticated by the browser (Basic), but not one from the page itself', async () => {
    const guarded = app({ ADMIN_TOKEN });
    const crossSite = await request(guarded)
      .put('/admin/queues/api/queues/spotify/pause')
      .set('Authorization', basic(ADMIN_TOKEN))
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    expect(crossSite.body.error.code).toBe('forbidden');
    await request(guarded).put('/admin/queues/api/queues/default/pause').set('Authorization', basic(ADMIN_TOKEN)).set('Sec-Fetch-Site', 'same-origin').expect(200);
  });
});

describe('/metrics access', () => {
  const { redis, track } = useApiRedis();

  it('is open without METRICS_TOKEN and needs it as a Bearer token when set', async () => {
    const openConfig = testConfig();
    const guardedConfig = testConfig({ METRICS_TOKEN });
    track(openConfig.QUEUE_PREFIX, guardedConfig.QUEUE_PREFIX);
    await request(createApp({ config: openConfig, redis, spotify: recordingCaller(), logger })).get('/metrics').expect(200);
    const guarded = createApp({ config: guardedConfig, redis, spotify: recordingCaller(), logger });
    const refused = await request(guarded).get('/metrics').expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer /);
    await request(guarded).get('/metrics').set('Authorization', basic(METRICS_TOKEN)).expect(401);
    const ok = await request(guarded).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('refuses a short ADMIN_TOKEN or METRICS_TOKEN at start-up, naming the setting', () => {
    expect(() => testConfig({ ADMIN_TOKEN: 'short' })).toThrow(/^Invalid setting ADMIN_TOKEN: must be at least 16 characters/);
    expect(() => testConfig({ METRICS_TOKEN: 'short' })).toThrow(/^Invalid setting METRICS_TOKEN/);
  });
});
