import { opsKeys, parseSpotifyBudgetConfig, parseUpstreamRequestField } from '@albumboard/observability';
import { Redis } from 'ioredis';
import { SpotifyStatsRecorder } from '../src/ops/spotify-stats.recorder';
import { silentLogger } from '@albumboard/observability';
import { deletePrefix, REDIS_URL, uniquePrefix, waitUntil } from '@albumboard/test-support';

describe('SpotifyStatsRecorder (real Redis)', () => {
  let redis: Redis;
  const prefix = uniquePrefix('stats');
  const keys = opsKeys(prefix);

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });

  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('publishes the budget settings the api shows next to the spending', async () => {
    const recorder = new SpotifyStatsRecorder(redis, prefix, silentLogger());
    await recorder.publishBudgetConfig({ budget: 90, windowMs: 31_000, concurrency: 2, maxRetryAfterMs: 60_000, workerId: 'worker-spotify@t:1' });
    const config = parseSpotifyBudgetConfig(await redis.get(keys.spotifyBudgetConfig));
    expect(config).toMatchObject({ budget: 90, windowMs: 31_000, concurrency: 2, maxRetryAfterMs: 60_000, workerId: 'worker-spotify@t:1' });
    expect(config!.publishedAt).toBeGreaterThan(0);
  });

  it('counts upstream answers by endpoint and status, and keeps each 429 for an hour', async () => {
    const recorder = new SpotifyStatsRecorder(redis, prefix, silentLogger());
    recorder.record({ endpoint: 'GET /v1/search', status: 200, durationMs: 5 });
    recorder.record({ endpoint: 'GET /v1/search', status: 200, durationMs: 5 });
    recorder.record({ endpoint: 'GET /v1/artists/{id}/albums', status: 429, durationMs: 5 });
    recorder.record({ endpoint: 'GET /v1/search', status: 'network_error', durationMs: 5 });
    await waitUntil('the 429 to be recorded', async () => (await redis.zcard(keys.spotifyUpstream429)) === 1, 5_000);
    await waitUntil('the counters', async () => Object.keys(await redis.hgetall(keys.spotifyUpstreamRequests)).length === 3, 5_000);
    const counters = Object.entries(await redis.hgetall(keys.spotifyUpstreamRequests)).map(([field, n]) => ({ ...parseUpstreamRequestField(field), n: Number(n) }));
    expect(counters).toEqual(
      expect.arrayContaining([
        { endpoint: 'GET /v1/search', status: '200', n: 2 },
        { endpoint: 'GET /v1/artists/{id}/albums', status: '429', n: 1 },
        { endpoint: 'GET /v1/search', status: 'network_error', n: 1 },
      ]),
    );
    const ttl = await redis.pttl(keys.spotifyUpstream429);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });
});
