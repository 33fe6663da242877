import { silentLogger } from '@albumboard/observability';
import { spotifyKeys } from '@albumboard/spotify-client';
import { usePrefixedRedis, waitUntil } from '@albumboard/test-support';
import { UpstreamLatencyTracker } from '../../src/services/upstream-latency-tracker';

const ok = (durationMs: number) => ({ endpoint: 'GET /v1/search', status: 200, durationMs });

describe('UpstreamLatencyTracker (real Redis)', () => {
  const env = usePrefixedRedis('latency');
  const key = () => spotifyKeys(env.prefix).upstreamLatency;
  const tracker = (samples = 5) => new UpstreamLatencyTracker({ redis: env.redis, prefix: env.prefix, logger: silentLogger(), samples, ttlMs: 60_000 });

  it('knows nothing before the first answer', () => {
    expect(tracker().typicalMs()).toBe(0);
  });

  it('is the median of the last successful requests only: failures, 429s and hangs do not count', () => {
    const t = tracker(5);
    for (const ms of [40, 60, 50]) t.observe(ok(ms));
    t.observe({ endpoint: 'GET /v1/search', status: 503, durationMs: 9_000 });
    t.observe({ endpoint: 'GET /v1/search', status: 429, durationMs: 9_000 });
    t.observe({ endpoint: 'GET /v1/search', status: 'network_error', durationMs: 9_000 });
    expect(t.typicalMs()).toBe(50);
    t.observe(ok(70));
    expect(t.typicalMs()).toBe(55); // 40 50 60 70
    // The ring keeps the last 5: three slow answers push out the early fast ones.
    for (const ms of [300, 310, 320]) t.observe(ok(ms));
    expect(t.typicalMs()).toBe(300); // 60 70 300 310 320
  });

  it('publishes the estimate with an expiry, and rewrites it only when it moves', async () => {
    const t = tracker(3);
    t.observe(ok(100));
    await waitUntil('the first estimate is published', async () => (await env.redis.get(key())) === '100');
    const ttl = await env.redis.pttl(key());
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await env.redis.set(key(), 'marker', 'KEEPTTL');
    t.observe(ok(104)); // median 102: within 10 %, not rewritten
    t.observe(ok(103)); // median 103
    await env.redis.ping(); // any write the tracker sent has been applied before this answer
    expect(await env.redis.get(key())).toBe('marker');
    t.observe(ok(400));
    t.observe(ok(400)); // median 400
    await waitUntil('the moved estimate is published', async () => (await env.redis.get(key())) === '400');
  });
});
