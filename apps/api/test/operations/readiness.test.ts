import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { ApiConfig } from '../../src/config';
import { startPingWorkers, type PingWorkers } from '../support/ping-workers';
import { startNode, waitUntil, WORKER_SPOTIFY_ENTRY, type RunningProcess } from '../support/processes';
import { parseExposition } from '../support/prometheus-exposition';
import { createTestStore, deadStore } from '../support/test-database';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, logger, recordingCaller, testConfig } from '../support/test-env';

type Readiness = { status: string; checks: Array<{ check: string; ok: boolean; reason?: string }>; failed?: Array<{ check: string; reason: string }> };

describe('GET /readyz with real workers', () => {
  let emulator: EmulatorHandle;
  let config: ApiConfig;
  let redis: Redis;
  let app: Express;
  let pingWorkers: PingWorkers;
  let workerSpotify: RunningProcess | undefined;

  const startWorkerSpotify = () =>
    startNode(WORKER_SPOTIFY_ENTRY, {
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      SPOTIFY_API_URL: `${emulator.url}/v1`,
      SPOTIFY_ACCOUNTS_URL: emulator.url,
      WORKER_HEALTH_PORT: '0',
    });
  const readiness = async () => {
    const res = await request(app).get('/readyz');
    return { status: res.status, body: res.body as Readiness };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    config = testConfig();
    redis = apiRedis();
    await redis.connect();
    app = createApp({ config, redis, spotify: recordingCaller(), logger });
    pingWorkers = await startPingWorkers(config.QUEUE_PREFIX, ['default', 'leaderboard']);
  });

  afterAll(async () => {
    await workerSpotify?.stop('SIGKILL');
    await pingWorkers.close();
    await deletePrefix(redis, config.QUEUE_PREFIX);
    await redis.quit();
    await emulator.close();
  });

  it('is 503 naming worker-spotify while it is stopped, and 200 while it runs', async () => {
    const before = await readiness();
    expect(before.status).toBe(503);
    expect(before.body.status).toBe('not_ready');
    expect(before.body.failed).toEqual([{ check: 'workers:spotify', reason: 'no worker listening on queue spotify (worker-spotify)' }]);
    expect(before.body.checks.filter((c) => c.ok).map((c) => c.check).sort()).toEqual(['redis', 'redis-memory', 'workers:default', 'workers:leaderboard']);

    workerSpotify = startWorkerSpotify();
    await workerSpotify.waitForOutput('Listening on spotify...');
    await waitUntil(async () => (await readiness()).status === 200, 15_000, '/readyz to turn 200');
    expect((await readiness()).body).toEqual({ status: 'ready', checks: expect.arrayContaining([{ check: 'workers:spotify', ok: true }]) });

    // The worker's own liveness endpoint (WORKER_HEALTH_PORT; 0 picked a free port, logged at start).
    await workerSpotify.waitForOutput(/Health endpoint on http:\/\/0\.0\.0\.0:\d+\/healthz/);
    const port = /Health endpoint on http:\/\/0\.0\.0\.0:(\d+)\/healthz/.exec(workerSpotify.output())![1];
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    expect(await workerSpotify.stop('SIGTERM')).toBe(0);
    await waitUntil(async () => (await readiness()).status === 503, 15_000, '/readyz to turn 503');
    expect((await readiness()).body.failed?.map((f) => f.check)).toEqual(['workers:spotify']);

    workerSpotify = startWorkerSpotify();
    await workerSpotify.waitForOutput('Listening on spotify...');
    await waitUntil(async () => (await readiness()).status === 200, 15_000, '/readyz to turn 200 again');
  });

  it('fails on a database that does not answer and on an extra check, each named with its reason', async () => {
    const store = await deadStore();
    try {
      const failing = { name: 'disk', check: async () => Promise.reject(new Error('disk full')) };
      const guarded = createApp({ config, redis, spotify: recordingCaller(), logger, ratings: store, readinessChecks: [failing] });
      const res = await request(guarded).get('/readyz').expect(503);
      const failed = (res.body as Readiness).failed ?? [];
      expect(failed.map((f) => f.check)).toEqual(expect.arrayContaining(['database', 'disk']));
      expect(failed.find((f) => f.check === 'disk')?.reason).toBe('disk full');
      // The same ping feeds /metrics: albumboard_database_up 0 (the alert DatabaseUnavailable).
      expect(parseExposition((await request(guarded).get('/metrics').expect(200)).text).sample('albumboard_database_up')).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('exports albumboard_database_up 1 while the ratings database answers', async () => {
    const live = await createTestStore('metrics_up');
    try {
      const app2 = createApp({ config, redis, spotify: recordingCaller(), logger, ratings: live.store });
      expect(parseExposition((await request(app2).get('/metrics').expect(200)).text).sample('albumboard_database_up')).toBe(1);
    } finally {
      await live.drop();
    }
  });
});
