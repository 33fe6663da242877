import { startRedis, tempDir, type RedisProcess } from '@albumboard/redis-connection/test-support';
import { captureLogger } from '@albumboard/test-support';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { StatusResponse } from '../../src/schemas/status.schema';
import { startPingWorkers, type PingWorkers } from '../support/ping-workers';
import { parseExposition } from '../support/prometheus-exposition';
import { apiRedis, recordingCaller, testConfig } from '../support/test-env';

const ADMIN_TOKEN = 'memory-pressure-admin-token-01';
const MAXMEMORY = 4 * 1024 * 1024;

type Readiness = { status: string; checks: Array<{ check: string; ok: boolean; reason?: string }>; degraded?: Array<{ check: string; reason: string }> };

/** A Redis of the test's own (maxmemory, noeviction), the api on it, and a worker on each queue so it is ready. */
describe('memory pressure: Redis near its maxmemory', () => {
  const dir = tempDir('memory-pressure');
  const logs = captureLogger('memory-pressure', 'info');
  let server: RedisProcess;
  let redis: Redis;
  let workers: PingWorkers;
  let app: Express;

  beforeAll(async () => {
    server = await startRedis(dir.path, ['--maxmemory', String(MAXMEMORY), '--maxmemory-policy', 'noeviction']);
    const url = `redis://127.0.0.1:${server.port}`;
    const config = testConfig({ REDIS_URL: url, ADMIN_TOKEN });
    redis = apiRedis(url);
    await redis.connect();
    workers = await startPingWorkers(config.QUEUE_PREFIX, ['spotify', 'default', 'leaderboard'], url);
    app = createApp({ config, redis, spotify: recordingCaller(), logger: logs.logger });
  });

  afterAll(async () => {
    await workers.close();
    await redis.quit();
    await server.stop();
    dir.cleanup();
  });

  const readiness = async () => {
    const res = await request(app).get('/readyz');
    return { status: res.status, body: res.body as Readiness };
  };
  const status = async () => (await request(app).get('/api/v1/status').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200)).body as StatusResponse;
  const metrics = async () => parseExposition((await request(app).get('/metrics').expect(200)).text);
  const used = async () => Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))![1]);

  /** Writes 16 KB values until used_memory reaches `ratio` of maxmemory. */
  async function fillTo(ratio: number): Promise<number> {
    let n = 0;
    while ((await used()) < ratio * MAXMEMORY) await redis.set(`filler:${n++}`, 'x'.repeat(16 * 1024));
    return n;
  }

  it('is ready below 90 % of maxmemory, degraded (still 200) from 90 %, naming the fixes; status and metrics say the same', async () => {
    const calm = await readiness();
    expect(calm.status).toBe(200);
    expect(calm.body.status).toBe('ready');
    expect(calm.body.checks).toContainEqual({ check: 'redis-memory', ok: true });
    expect((await status()).redis).toMatchObject({ maxmemoryBytes: MAXMEMORY, memoryPressure: false });

    const filled = await fillTo(0.92);
    const pressed = await readiness();
    expect(pressed.status).toBe(200); // every api pod shares this Redis: 503 would take them all out of the Service
    expect(pressed.body.status).toBe('degraded');
    expect(pressed.body.degraded).toEqual([{ check: 'redis-memory', reason: expect.stringMatching(/^Redis memory at (9\d|1\d\d) % of maxmemory \(\d+\.\d MB of 4\.0 MB\)/) }]);
    const reason = pressed.body.degraded![0].reason;
    for (const fix of ['raise maxmemory', 'SEARCH_CACHE_MAX_MB', 'CACHE_REDIS_URL']) expect(reason).toContain(fix);

    const page = await status();
    expect(page.status).toBe('degraded');
    expect(page.problems).toEqual([expect.stringMatching(/^Redis memory at \d+ % of maxmemory .*CACHE_REDIS_URL$/)]);
    expect(page.redis.memoryPressure).toBe(true);
    expect(page.redis.usedRatio).toBeGreaterThanOrEqual(0.9);
    const exposition = await metrics();
    expect(exposition.sample('albumboard_redis_maxmemory_bytes')).toBe(MAXMEMORY);
    expect(exposition.sample('albumboard_redis_used_memory_bytes')).toBeGreaterThanOrEqual(0.9 * MAXMEMORY);

    // One warning when the pressure began, however often it was read; one line when it ended.
    expect(logs.lines.filter((line) => String(line.msg).startsWith('Redis memory at')).length).toBe(1);
    await redis.del(...Array.from({ length: filled }, (_, i) => `filler:${i}`));
    const relieved = await readiness();
    expect(relieved.body.status).toBe('ready');
    expect((await status()).problems).toEqual([]);
    expect(logs.lines.some((line) => line.msg === 'Redis memory back below 90 % of maxmemory')).toBe(true);
  });
});
