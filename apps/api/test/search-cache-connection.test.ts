import { randomBytes } from 'node:crypto';
import { RedisStartupError } from '@albumboard/redis-connection';
import { freePort, startRedis, startTlsRedis, tempDir } from '@albumboard/redis-connection/test-support';
import { searchCacheKeys } from '@albumboard/search-cache';
import { startEmulator } from '@albumboard/spotify-emulator';
import { useStarted } from '@albumboard/test-support';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { openSearchCache } from '../src/search-cache-connection';
import { buildSpotifyCaller } from '../src/spotify-caller';
import { logger, testConfig, useApiRedis } from './support/test-env';

describe('openSearchCache', () => {
  const api = useApiRedis();
  /** A Redis for the cache alone, as an operator would run it: a maxmemory and allkeys-lru. */
  const cacheServer = useStarted(async () => {
    const dir = tempDir('cache-redis');
    const server = await startRedis(dir.path, ['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru']);
    const admin = new Redis({ port: server.port, host: '127.0.0.1' });
    return {
      url: `redis://127.0.0.1:${server.port}`,
      admin,
      close: async () => {
        await admin.quit();
        await server.stop();
        dir.cleanup();
      },
    };
  });
  const emulator = useStarted(() => startEmulator({ port: 0 }));

  it('on CACHE_REDIS_URL keeps answers there, lets that server evict, and gives the producers nothing to shed', async () => {
    const config = testConfig({ CACHE_REDIS_URL: cacheServer.url, SPOTIFY_CALL_MODE: 'direct', SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url });
    api.track(config.QUEUE_PREFIX);
    const cache = await openSearchCache(config, api.redis, logger);
    const spotify = buildSpotifyCaller(config, api.redis, logger);
    try {
      expect(cache.relieveQueueMemory).toBeUndefined();
      const app = createApp({ config, redis: api.redis, spotify, logger, searchCache: cache.store });
      await request(app).get('/api/v1/search?query=Adele').expect(200);
      const again = await request(app).get('/api/v1/search?query=adele').expect(200);
      expect(again.body).toMatchObject({ cached: true });

      const keys = searchCacheKeys(config.QUEUE_PREFIX);
      expect(await cacheServer.admin.keys(`${keys.entryPrefix}*`)).toHaveLength(1);
      expect(await api.redis.keys(`${keys.entryPrefix}*`)).toEqual([]);
      // The server evicts (allkeys-lru): no bookkeeping of the cache's own, and writes past its maxmemory never fail.
      expect(await cacheServer.admin.exists(keys.lru, keys.bytes)).toBe(0);
      for (let i = 0; i < 3000; i += 1) {
        expect(await cache.store.write(`many ${i}`, { fetchedAtMs: Date.now(), json: `{"n":"${randomBytes(1500).toString('base64')}"}` }, 600)).toBe(true);
      }
      expect(await cacheServer.admin.dbsize()).toBeLessThan(2000); // 3000 × ~2 KB do not fit in 2 MB
    } finally {
      await spotify.close();
      await cache.close();
      await cacheServer.admin.flushall();
    }
  });

  it('reaches CACHE_REDIS_URL over TLS with the REDIS_TLS_* settings', async () => {
    const dir = tempDir('cache-tls');
    const tls = await startTlsRedis(dir.path);
    try {
      const config = testConfig({ CACHE_REDIS_URL: tls.url, REDIS_TLS_REJECT_UNAUTHORIZED: 'false' });
      const cache = await openSearchCache(config, api.redis, logger);
      try {
        expect(await cache.store.write('over tls', { fetchedAtMs: 7, json: '{"tls":true}' }, 60)).toBe(true);
        expect(await cache.store.read('over tls')).toEqual({ fetchedAtMs: 7, json: '{"tls":true}' });
      } finally {
        await cache.close();
      }
    } finally {
      await tls.stop();
      dir.cleanup();
    }
  });

  it('without CACHE_REDIS_URL shares the api connection, bounded, and hands its shed to the producers', async () => {
    const config = testConfig({ SEARCH_CACHE_MAX_MB: '1' });
    api.track(config.QUEUE_PREFIX);
    const cache = await openSearchCache(config, api.redis, logger);
    expect(cache.relieveQueueMemory).toBeDefined();
    expect(await cache.store.write('shared', { fetchedAtMs: 1, json: '{"a":1}' }, 60)).toBe(true);
    expect(await api.redis.exists(searchCacheKeys(config.QUEUE_PREFIX).lru)).toBe(1);
    expect(await cache.relieveQueueMemory?.()).toBeGreaterThan(0);
    expect(await cache.store.read('shared')).toBeNull();
    await cache.close();
    expect(await api.redis.ping()).toBe('PONG'); // the shared connection stays open
  });

  it('refuses to start on a CACHE_REDIS_URL that does not answer', async () => {
    const config = testConfig({ CACHE_REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    await expect(openSearchCache(config, api.redis, logger)).rejects.toBeInstanceOf(RedisStartupError);
  }, 15_000);
});
