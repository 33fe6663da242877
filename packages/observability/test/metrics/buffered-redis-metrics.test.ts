import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { silentLogger } from '../../src/logger';
import { BufferedRedisMetrics } from '../../src/metrics/buffered-redis-metrics';
import { histogramFromHash } from '../../src/metrics/redis-histogram';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('BufferedRedisMetrics (real Redis)', () => {
  const prefix = `test-obs-buffer-${randomUUID().slice(0, 8)}`;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('gathers increments and observations in memory and writes them in one MULTI at flush', async () => {
    const multi = jest.spyOn(redis, 'multi');
    const metrics = new BufferedRedisMetrics(redis, { logger: silentLogger(), flushMs: 60_000 });
    for (let i = 0; i < 100; i += 1) {
      metrics.increment(`${prefix}:counter`, i % 2 === 0 ? 'even' : 'odd');
      metrics.observe(`${prefix}:histogram`, i / 100);
    }
    expect(await redis.exists(`${prefix}:counter`, `${prefix}:histogram`)).toBe(0); // nothing written yet
    await metrics.close();
    expect(multi).toHaveBeenCalledTimes(1);
    multi.mockRestore();
    expect(await redis.hgetall(`${prefix}:counter`)).toEqual({ even: '50', odd: '50' });
    const histogram = histogramFromHash(await redis.hgetall(`${prefix}:histogram`));
    expect(histogram.count).toBe(100);
    expect(histogram.sum).toBeCloseTo(49.5, 6);
    expect(histogram.buckets.find(([le]) => le === 0.5)?.[1]).toBe(51); // 0.00 … 0.50
  });

  it('keeps the increments of a failed write for the next flush: a Redis blip delays the numbers, it loses none', async () => {
    let fail = true;
    const flaky = {
      multi: () => {
        const real = redis.multi();
        return {
          hincrby: (key: string, field: string, by: number) => real.hincrby(key, field, by),
          hincrbyfloat: (key: string, field: string, by: number) => real.hincrbyfloat(key, field, by),
          exec: async () => {
            if (fail) {
              real.discard();
              throw new Error('connection lost');
            }
            return real.exec();
          },
        };
      },
    };
    const metrics = new BufferedRedisMetrics(flaky, { logger: silentLogger(), flushMs: 60_000 });
    metrics.increment(`${prefix}:blip`, 'n', 3);
    await metrics.flush();
    expect(await redis.exists(`${prefix}:blip`)).toBe(0);
    metrics.increment(`${prefix}:blip`, 'n', 4);
    fail = false;
    await metrics.close();
    expect(await redis.hget(`${prefix}:blip`, 'n')).toBe('7');
  });
});
