import type { Logger } from '@albumboard/observability';
import {
  connectAndPing,
  createRedisConnection,
  logConnectionErrors,
  standaloneSettingsAt,
  type MemoryRelief,
  type RedisConnection,
} from '@albumboard/redis-connection';
import { resolveCacheBudget, SearchCacheStore } from '@albumboard/search-cache';
import type { ApiConfig } from './config';

/** The search cache's store, and what the queue producers call when Redis is out of memory. */
export interface OpenedSearchCache {
  store: SearchCacheStore;
  /** The cache's `shed` when it shares the queues' server; undefined on CACHE_REDIS_URL (freeing it would not help). */
  relieveQueueMemory?: MemoryRelief;
  /** Closes the cache's own connection (CACHE_REDIS_URL); nothing when it shares `redis`. */
  close(): Promise<void>;
}

/**
 * Opens the search cache: on CACHE_REDIS_URL (a connection of its own, with REDIS_URL's TLS settings; startup fails
 * with a RedisStartupError line when it does not answer) or on `redis`, with the budget resolved from that server
 * (SEARCH_CACHE_MAX_MB, else its maxmemory and policy).
 */
export async function openSearchCache(config: ApiConfig, redis: RedisConnection, logger: Logger): Promise<OpenedSearchCache> {
  const cacheLogger = logger.child({ component: 'search-cache' });
  let connection = redis;
  if (config.CACHE_REDIS_URL) {
    const settings = standaloneSettingsAt(config.redis, config.CACHE_REDIS_URL);
    connection = createRedisConnection(settings, 'request', logger);
    logConnectionErrors(connection, logger.child({ component: 'cache-redis' }), 'cache redis connection');
    await connectAndPing(connection, settings);
  }
  const budget = await resolveCacheBudget(connection, config.SEARCH_CACHE_MAX_MB);
  cacheLogger.info({ budget, ownServer: connection !== redis }, `search cache: ${budget.kind === 'bounded' ? `${budget.maxBytes} bytes, ${budget.why}` : budget.why}`);
  const store = new SearchCacheStore({ redis: connection, prefix: config.QUEUE_PREFIX, budget, logger: cacheLogger });
  if (connection === redis) return { store, relieveQueueMemory: () => store.shed(), close: async () => undefined };
  return { store, close: () => connection.quit().then(() => undefined, () => connection.disconnect()) };
}
