import { CooldownStore, spotifyKeys } from '@albumboard/spotify-client';
import { Queue } from 'bullmq';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { StatusResponse } from '../../src/schemas/status.schema';
import { statusResponseSchema } from '../../src/schemas/status.schema';
import { startPingWorkers, type PingWorkers } from '../support/ping-workers';
import { parseExposition } from '../support/prometheus-exposition';
import { waitUntil } from '@albumboard/test-support';
import { apiRedis, logger } from '../support/test-env';
import { startWorkerPath, type WorkerPath } from '../support/worker-path';

const ADMIN_TOKEN = 'metrics-test-admin-token-0001';

describe('GET /metrics and GET /api/v1/status after real searches', () => {
  let path: WorkerPath;
  let pingWorkers: PingWorkers;
  let app: Express;
  let skewMs = 0;

  const metrics = async () => {
    const res = await request(app).get('/metrics').expect(200);
    return parseExposition(res.text); // throws on a second HELP/TYPE or a repeated series
  };
  const status = async () => (await request(app).get('/api/v1/status').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200)).body as StatusResponse;

  beforeAll(async () => {
    path = await startWorkerPath({ SPOTIFY_CALL_TIMEOUT_MS: '15000', ADMIN_TOKEN });
    pingWorkers = await startPingWorkers(path.config.QUEUE_PREFIX, ['default', 'leaderboard']);
    // The clock that ages cached answers: moved forward to make a copy stale.
    app = createApp({ config: path.config, redis: path.redis, spotify: path.spotify, logger, now: () => Date.now() + skewMs });
  });

  afterAll(async () => {
    await pingWorkers.close();
    await path.close();
  });

  it('exports the queues, the upstream requests, the budget, the cache and the request durations as valid Prometheus text', async () => {
    await request(app).get('/api/v1/search?query=Taylor+Swift').expect(200);
    await request(app).get('/api/v1/search?query=taylor%20swift').expect(200); // from the cache

    // worker-spotify writes its numbers once a second (BufferedRedisMetrics): wait for this call's to land.
    await waitUntil('the worker to write its numbers', async () => (await metrics()).sample('albumboard_spotify_worker_stage_seconds_count', { stage: 'processing' }) === 1);
    const families = await metrics();
    const names = families.families.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const queue of ['default', 'spotify', 'leaderboard']) {
      expect(families.sample('bullmq_job_count', { queue, state: 'waiting' })).toBe(0);
      expect(families.sample('albumboard_queue_workers', { queue })).toBe(1);
    }
    expect(families.families.find((f) => f.name === 'bullmq_job_count')?.type).toBe('GAUGE');
    // A spotify.call is removed as it completes (its result lives only in its `completed` event); the counter counts it.
    expect(families.sample('bullmq_job_count', { queue: 'spotify', state: 'completed' })).toBe(0);
    expect(families.families.find((f) => f.name === 'bullmq_job_completed_total')?.type).toBe('COUNTER');
    expect(families.sample('albumboard_spotify_upstream_requests_total', { endpoint: 'GET /v1/search', status: '200' })).toBe(1);
    expect(families.sample('albumboard_spotify_upstream_requests_total', { endpoint: 'GET /v1/artists/{id}/albums', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(families.families.find((f) => f.name === 'albumboard_spotify_upstream_requests_total')?.type).toBe('COUNTER');
    expect(families.sample('albumboard_spotify_budget_requests')).toBe(150);
    expect(families.sample('albumboard_spotify_budget_used_requests')).toBe(path.emulator.stats().requests);
    expect(families.sample('albumboard_spotify_cooldown_seconds')).toBe(0);
    expect(families.sample('albumboard_search_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(families.sample('albumboard_search_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(families.sample('albumboard_search_answers_total', { answer: 'miss' })).toBe(1);
    expect(families.sample('albumboard_search_answers_total', { answer: 'hit' })).toBe(1);
    expect(families.sample('albumboard_spotify_calls_total', { method: 'searchArtistAlbums', outcome: 'ok' })).toBe(1);
    // Counted by worker-spotify as it finished the job (written once a second, like the rest).
    await waitUntil('the completed job to be counted', async () => (await metrics()).sample('bullmq_job_completed_total', { queue: 'spotify' }) === 1);
    expect((await metrics()).sample('bullmq_job_failed_total', { queue: 'spotify' })).toBe(0);
    // A job worker-spotify refuses (its payload breaks the contract: UnrecoverableError) fails for good and is counted.
    // (A Spotify error is not a failed job: worker-spotify completes the job with it as its result.)
    const queue = new Queue('spotify', { connection: path.redis, prefix: path.config.QUEUE_PREFIX });
    try {
      await queue.add('spotify.call', { method: 'noSuchMethod' });
      await waitUntil('the failed job to be counted', async () => (await metrics()).sample('bullmq_job_failed_total', { queue: 'spotify' }) === 1);
    } finally {
      await queue.close();
    }
    expect(families.sample('http_request_duration_seconds_count', { route: '/api/v1/search', status_code: '200', method: 'GET' })).toBe(2);
    expect(families.sample('albumboard_queue_wait_seconds_count', { queue: 'spotify' })).toBe(1);
    // The stages of the one uncached call: the api's (enqueue, result delivery) and worker-spotify's (each upstream
    // request, the processing); the queue wait between them is albumboard_queue_wait_seconds{queue="spotify"}.
    expect(families.sample('albumboard_spotify_call_stage_seconds_count', { stage: 'enqueue' })).toBe(1);
    expect(families.sample('albumboard_spotify_call_stage_seconds_count', { stage: 'result_delivery' })).toBe(1);
    expect(families.sample('albumboard_spotify_worker_stage_seconds_count', { stage: 'upstream_request' })).toBe(path.emulator.stats().requests);
    expect(families.sample('albumboard_spotify_worker_stage_seconds_bucket', { stage: 'upstream_request', le: '+Inf' })).toBe(path.emulator.stats().requests);
    expect(families.families.find((f) => f.name === 'albumboard_spotify_worker_stage_seconds')?.type).toBe('HISTOGRAM');
    expect(families.sample('albumboard_redis_up')).toBe(1);
  });

  it('serves OpenMetrics (the format that carries exemplars) to a scraper that asks for it, Prometheus text otherwise', async () => {
    const text = await request(app).get('/metrics').expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text.text).not.toContain('# EOF');
    const open = await request(app).get('/metrics').set('Accept', 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5').expect(200);
    expect(open.headers['content-type']).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect(open.headers.vary).toMatch(/Accept/);
    expect(open.text.trimEnd().endsWith('# EOF')).toBe(true);
    expect(open.text).toMatch(/^http_request_duration_seconds_bucket\{.*route="\/api\/v1\/search".*\} \d+$/m);
    // No trace here (no SDK in this process), so no exemplar: infra/test/tracing.test.ts checks one on real processes.
    expect(open.text).not.toMatch(/traceId=/);
    // And the text format afterwards is as before (prom-client renames counters while rendering OpenMetrics).
    expect((await metrics()).sample('albumboard_search_cache_requests_total', { result: 'hit' })).toBe(1);
  });

  it('reports queues, workers, budget, cache ratio and call latency on the status page', async () => {
    const body = await status();
    expect(statusResponseSchema.parse(body)).toEqual(body);
    expect(body.status).toBe('ok');
    expect(body.problems).toEqual([]);
    const spotifyQueue = body.queues.find((q) => q.queue === 'spotify');
    expect(spotifyQueue).toMatchObject({ app: 'worker-spotify', workers: 1, problem: null, counts: { waiting: 0, completed: 0 } });
    expect(body.redis).toEqual({ usedMemoryBytes: expect.any(Number), maxmemoryBytes: null, usedRatio: null, memoryPressure: false });
    expect(spotifyQueue?.waitSeconds.count).toBe(2); // the search's job and the refused one of the first test
    expect(body.spotify.budget).toMatchObject({ limit: 150, limitInForce: 150, used: path.emulator.stats().requests, remaining: 150 - path.emulator.stats().requests, concurrency: 4 });
    expect(body.spotify.budget.publishedBy).toMatch(/^worker-spotify@/);
    expect(body.spotify.cooldown).toBeNull();
    expect(body.spotify.upstream429LastHour).toBe(0);
    expect(body.spotify.upstreamRequests).toEqual(expect.arrayContaining([{ endpoint: 'GET /v1/search', status: '200', count: 1 }]));
    expect(body.spotify.cache).toEqual({ hits: 1, misses: 1, hitRatio: 0.5 });
    expect(body.spotify.callLatencyMs.samples).toBe(1);
    expect(body.spotify.callLatencyMs.p95).toBeGreaterThan(0);
  });

  it('shows the lower limit worker-spotify learned from a 429 as the limit in force', async () => {
    const adaptiveKey = spotifyKeys(path.config.QUEUE_PREFIX).adaptive;
    await path.redis.hset(adaptiveKey, 'limit', 40, 'probeAt', Date.now() + 60_000);
    try {
      const { budget } = (await status()).spotify;
      expect(budget).toMatchObject({ limit: 150, limitInForce: 40, remaining: 40 - budget.used });
      expect((await metrics()).sample('albumboard_spotify_budget_limit_in_force_requests')).toBe(40);
    } finally {
      await path.redis.del(adaptiveKey);
    }
  });

  it('shows an upstream 429 and the cool-down it opened, in both', async () => {
    path.emulator.configure({ dailyQuota: 1 }); // already spent: the next request is Spotify's QUOTA_EXCEEDED 429
    try {
      const res = await request(app).get('/api/v1/search?query=Adele').expect(503);
      expect(res.body.error.code).toBe('spotify_unavailable');

      const body = await status();
      expect(body.status).toBe('degraded');
      expect(body.spotify.cooldown).toMatchObject({ reason: 'QUOTA_EXCEEDED' });
      expect(body.spotify.cooldown!.remainingS).toBeGreaterThan(0);
      expect(body.problems).toEqual([expect.stringMatching(/^worker-spotify: Spotify cool-down \(QUOTA_EXCEEDED\) until /)]);
      expect(body.spotify.upstream429LastHour).toBe(1);

      // The counters are written once a second (BufferedRedisMetrics); the 429's timestamp at once.
      const answered429 = async () => (await metrics()).sample('albumboard_spotify_upstream_requests_total', { endpoint: 'GET /v1/search', status: '429' });
      await waitUntil('the 429 to be counted', async () => (await answered429()) === 1);
      const families = await metrics();
      expect(families.sample('albumboard_spotify_upstream_429_last_hour')).toBe(1);
      expect(families.sample('albumboard_spotify_cooldown_seconds')).toBeGreaterThan(0);
      expect(families.sample('albumboard_spotify_calls_total', { method: 'searchArtistAlbums', outcome: 'cooldown' })).toBe(1);

      // During the cool-down, a search whose copy went stale is answered from that copy.
      skewMs = 3_601_000; // past SEARCH_CACHE_TTL_S (3600 s), inside the stale window
      const stale = await request(app).get('/api/v1/search?query=Taylor+Swift').expect(200);
      expect(stale.headers['cache-status']).toMatch(/fwd=stale; fwd-status=503/);
      const afterStale = await metrics();
      expect(afterStale.sample('albumboard_search_answers_total', { answer: 'stale' })).toBe(1);
      expect(afterStale.sample('albumboard_search_cache_requests_total', { result: 'stale' })).toBe(1);
    } finally {
      skewMs = 0;
      await new CooldownStore(path.redis, path.config.QUEUE_PREFIX).clear();
    }
  });

  it('flags a queue without a worker, and serves process metrics with albumboard_redis_up 0 when Redis is gone', async () => {
    await pingWorkers.close();
    pingWorkers = await startPingWorkers(path.config.QUEUE_PREFIX, ['default']);
    const body = await status();
    expect(body.status).toBe('degraded');
    expect(body.problems).toEqual(['worker-leaderboard: no worker listening on queue leaderboard']);
    expect(body.queues.find((q) => q.queue === 'leaderboard')).toMatchObject({ workers: 0, problem: 'no_worker' });

    const dead = apiRedis('redis://127.0.0.1:1');
    const offline = createApp({ config: path.config, redis: dead, spotify: path.spotify, logger });
    const res = await request(offline).get('/metrics').expect(200);
    const families = parseExposition(res.text);
    expect(families.sample('albumboard_redis_up')).toBe(0);
    expect(families.families.some((f) => f.name === 'http_request_duration_seconds')).toBe(true);
    await request(offline).get('/api/v1/status').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(503);
    dead.disconnect();
  });
});
