import { QueueName } from '@albumboard/queue-contracts';
import { CooldownStore, spotifyKeys, type SpotifyCaller } from '@albumboard/spotify-client';
import type { EmulatorHandle } from '@albumboard/spotify-emulator';
import type { SpotifyWorker } from '@albumboard/worker-spotify/dist/app';
import { Queue } from 'bullmq';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import type { ApiConfig } from '../src/config';
import { searchResponseSchema } from '../src/schemas/search.schema';
import { buildSpotifyCaller } from '../src/spotify-caller';
import { deletePrefix, workerConnection } from '@albumboard/test-support';
import { apiRedis, logger, testConfig } from './support/test-env';
import { startWorkerPath, totalJobs, type WorkerPath } from './support/worker-path';

describe('GET /api/v1/search through worker-spotify (SPOTIFY_CALL_MODE=worker)', () => {
  let emulator: EmulatorHandle;
  let config: ApiConfig;
  let redis: Redis;
  let spotifyWorker: SpotifyWorker;
  let spotify: SpotifyCaller;
  let app: Express;
  let path: WorkerPath;

  beforeAll(async () => {
    path = await startWorkerPath({ SPOTIFY_CALL_TIMEOUT_MS: '15000' });
    ({ emulator, config, redis, spotifyWorker, spotify } = path);
    app = createApp({ config, redis, spotify, logger });
  });

  afterAll(() => path.close());

  it("answers Taylor Swift's albums through the queue and the worker, then from the cache", async () => {
    const first = await request(app).get('/api/v1/search?query=Taylor+Swift').set('X-Request-Id', 'worker-path-1').expect(200);
    expect(first.headers['x-request-id']).toBe('worker-path-1');
    const body = first.body as Record<string, unknown>;
    expect(searchResponseSchema.parse(body)).toEqual(body);
    expect(first.body).toMatchObject({ query: 'Taylor Swift', artist: { name: 'Taylor Swift' }, cached: false });
    expect(first.body.items.length).toBeGreaterThan(0);
    expect(first.body.items[0].artists).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Taylor Swift' })]));
    expect(await totalJobs(spotifyWorker.queue)).toBe(1);
    expect(await spotifyWorker.queue.getJobCounts('completed')).toEqual({ completed: 0 }); // removed as it completed
    const upstream = emulator.stats().requests;
    expect(upstream).toBeGreaterThan(0);

    const second = await request(app).get('/api/v1/search?query=%20TAYLOR%20SWIFT%20').expect(200);
    expect(second.body).toEqual({ ...first.body, query: 'TAYLOR SWIFT', cached: true });
    expect(emulator.stats().requests).toBe(upstream);
    expect(await totalJobs(spotifyWorker.queue)).toBe(1);
  });

  it('answers 503 spotify_unavailable with Retry-After during a cool-down, without enqueueing a job', async () => {
    const cooldowns = new CooldownStore(redis, config.QUEUE_PREFIX);
    await cooldowns.set(Date.now() + 90_000, 'QUOTA_EXCEEDED');
    try {
      const jobsBefore = await totalJobs(spotifyWorker.queue);
      const upstreamBefore = emulator.stats().requests;
      const res = await request(app).get('/api/v1/search?query=Adele').expect(503);
      expect(res.body).toEqual({ error: { code: 'spotify_unavailable', message: expect.any(String) } });
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(90);
      expect(await totalJobs(spotifyWorker.queue)).toBe(jobsBefore);
      expect(emulator.stats().requests).toBe(upstreamBefore);

      // A cached answer is still served during the cool-down.
      await request(app).get('/api/v1/search?query=taylor+swift').expect(200);
    } finally {
      await cooldowns.clear();
    }
  });
  it('answers 503 spotify_busy with Retry-After at once when the window is spent, without enqueueing a job', async () => {
    const budgetKey = spotifyKeys(config.QUEUE_PREFIX).budget;
    const [seconds, micros] = await redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    const slots = Array.from({ length: 150 }, (_, i) => [now, `spent-${i}`]).flat();
    await redis.zadd(budgetKey, ...slots);
    try {
      const jobsBefore = await totalJobs(spotifyWorker.queue);
      const upstreamBefore = emulator.stats().requests;
      const res = await request(app).get('/api/v1/search?query=Dua+Lipa').expect(503);
      expect(res.body.error.code).toBe('spotify_busy');
      const retryAfter = Number(res.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(15); // past the 15 s call timeout: that is why it was refused
      expect(await totalJobs(spotifyWorker.queue)).toBe(jobsBefore);
      expect(emulator.stats().requests).toBe(upstreamBefore);
    } finally {
      await redis.del(budgetKey);
    }
  });
});

describe('GET /api/v1/search with no worker running', () => {
  let redis: Redis;
  let spotify: SpotifyCaller;
  let queueConnection: Redis;
  const config = testConfig({ SPOTIFY_CALL_TIMEOUT_MS: '400' });

  beforeAll(async () => {
    redis = apiRedis();
    await redis.connect();
    queueConnection = workerConnection();
    spotify = buildSpotifyCaller(config, redis, logger);
  });

  afterAll(async () => {
    await spotify.close();
    await deletePrefix(redis, config.QUEUE_PREFIX);
    await redis.quit();
    await queueConnection.quit();
  });

  it('answers 503 spotify_worker_unavailable with Retry-After at once, and leaves no job behind', async () => {
    const app = createApp({ config, redis, spotify, logger });
    const res = await request(app).get('/api/v1/search?query=Taylor+Swift').expect(503);
    expect(res.body).toEqual({ error: { code: 'spotify_worker_unavailable', message: 'No Spotify worker is running; try again shortly' } });
    expect(res.headers['retry-after']).toBe('5');
    const queue = new Queue(QueueName.Spotify, { connection: queueConnection, prefix: config.QUEUE_PREFIX });
    try {
      expect(await totalJobs(queue)).toBe(0);
    } finally {
      await queue.close();
    }
  });
});
