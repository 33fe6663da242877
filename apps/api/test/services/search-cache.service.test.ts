import { randomUUID } from 'node:crypto';
import { silentLogger } from '@albumboard/observability';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { DEFAULT_CACHE_BUDGET, SearchCacheStore } from '@albumboard/search-cache';
import { ApiError } from '../../src/errors/api-error';
import type { SearchResult } from '../../src/schemas/search.schema';
import { SearchCache } from '../../src/services/search-cache.service';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const result: SearchResult = { artist: null, items: [], total: 0, limit: 10, offset: 0, nextOffset: null };
const base = { limit: 10, offset: 0 };

/** The cache's store on `redis` under `prefix`, with the default budget. */
const storeOn = (redis: Redis, prefix: string, now?: () => number) => new SearchCacheStore({ redis, prefix, budget: DEFAULT_CACHE_BUDGET, logger: silentLogger(), now });

describe('SearchCache', () => {
  const prefix = `test-api-cache-${randomUUID().slice(0, 8)}`;
  let redis: Redis;
  let dead: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, disconnectTimeout: 50 });
    await redis.connect();
    dead = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, disconnectTimeout: 50 });
    dead.on('error', () => undefined);
  });

  afterAll(async () => {
    dead.disconnect();
    try {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      await redis.quit();
    }
  });

  it('keys on the query regardless of case and whitespace, but not across limit, offset or market', () => {
    const cache = new SearchCache({ store: storeOn(redis, prefix), ttlSeconds: 60, logger: silentLogger() });
    const word = fc.stringMatching(/^[a-zA-Z0-9]{1,8}$/);
    const spaces = fc.stringMatching(/^[ \t]{1,3}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), spaces, (words, gap) => {
        const key = cache.keyFor({ ...base, query: words.join(' ') });
        expect(cache.keyFor({ ...base, query: words.join(gap).toUpperCase() })).toBe(key);
        expect(key).toMatch(new RegExp(`^${prefix}:search-cache:[0-9a-f]{40}$`));
        expect(cache.keyFor({ ...base, limit: 11, query: words.join(' ') })).not.toBe(key);
        expect(cache.keyFor({ ...base, offset: 1, query: words.join(' ') })).not.toBe(key);
        expect(cache.keyFor({ ...base, market: 'US', query: words.join(' ') })).not.toBe(key);
      }),
    );
  });

  it('stores with the TTL and the fetch time, and reads back', async () => {
    const cache = new SearchCache({ store: storeOn(redis, prefix), ttlSeconds: 120, logger: silentLogger(), now: () => 1_000_000 });
    const query = { ...base, query: `Abba ${randomUUID()}` };
    expect(await cache.get(query)).toBeNull();
    expect(await cache.set(query, result)).toEqual({ json: JSON.stringify(result), stored: true });
    expect(await cache.get({ ...query, query: query.query.toLowerCase() })).toEqual({
      value: JSON.stringify(result),
      fetchedAtMs: 1_000_000,
      ageS: 0,
      ttlS: 120,
      fresh: true,
      usableStale: false,
    });
    const ttl = await redis.ttl(cache.keyFor(query));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  it('keeps an entry for fresh + stale seconds and ages it: fresh, then usable stale, then gone', async () => {
    let now = 5_000_000;
    const cache = new SearchCache({ store: storeOn(redis, prefix), ttlSeconds: 60, staleSeconds: 600, logger: silentLogger(), now: () => now });
    const query = { ...base, query: `stale ${randomUUID()}` };
    await cache.set(query, result);
    const ttl = await redis.ttl(cache.keyFor(query));
    expect(ttl).toBeGreaterThan(60);
    expect(ttl).toBeLessThanOrEqual(660);
    now += 59_999;
    expect(await cache.get(query)).toMatchObject({ fresh: true, ageS: 59, ttlS: 1 });
    now += 1;
    expect(await cache.get(query)).toMatchObject({ fresh: false, usableStale: true, ageS: 60, ttlS: 0 });
    now += 600_000;
    expect(await cache.get(query)).toBeNull();
  });

  it('without a stale window, a past-fresh entry reads as none', async () => {
    let now = 5_000_000;
    const cache = new SearchCache({ store: storeOn(redis, prefix), ttlSeconds: 60, staleSeconds: 0, logger: silentLogger(), now: () => now });
    const query = { ...base, query: `nostale ${randomUUID()}` };
    await cache.set(query, result);
    now += 60_000;
    expect(await cache.get(query)).toBeNull();
  });

  it('ignores an entry of the wrong shape (including the uncompressed entries of earlier versions and bare answers)', async () => {
    const cache = new SearchCache({ store: storeOn(redis, prefix), ttlSeconds: 60, logger: silentLogger() });
    const query = { ...base, query: `bad ${randomUUID()}` };
    for (const stored of ['{"artist":', JSON.stringify(result), JSON.stringify({ fetchedAt: Date.now(), result }), `${Date.now()}\n{"artist":`, `soon\n${JSON.stringify(result)}`, `${Date.now()}\n${JSON.stringify(result)}`]) {
      await redis.set(cache.keyFor(query), stored);
      expect(await cache.get(query)).toBeNull();
    }
  });

  it('refuses to store an answer that does not match its schema (what is stored is answered without a second check)', async () => {
    const cache = new SearchCache({ store: storeOn(redis, prefix), ttlSeconds: 60, logger: silentLogger() });
    const query = { ...base, query: `invalid ${randomUUID()}` };
    await expect(cache.set(query, { ...result, limit: 1.5 })).rejects.toThrow();
    expect(await redis.exists(cache.keyFor(query))).toBe(0);
  });

  it('does nothing when the TTL is 0', async () => {
    const cache = new SearchCache({ store: storeOn(redis, prefix), ttlSeconds: 0, logger: silentLogger() });
    const query = { ...base, query: `off ${randomUUID()}` };
    await cache.set(query, result);
    expect(await redis.exists(cache.keyFor(query))).toBe(0);
    expect(await cache.get(query)).toBeNull();
  });

  it('turns an unreachable Redis into a 503 queue_unavailable on read and ignores it on write', async () => {
    const cache = new SearchCache({ store: storeOn(dead, prefix), ttlSeconds: 60, logger: silentLogger() });
    const query = { ...base, query: 'abba' };
    const failure = await cache.get(query).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 503, code: 'queue_unavailable', options: { retryAfterS: 5 } });
    await expect(cache.set(query, result)).resolves.toEqual({ json: JSON.stringify(result), stored: false });
  });
});
