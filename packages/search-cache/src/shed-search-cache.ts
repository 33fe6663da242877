import type { RedisConnection } from '@albumboard/redis-connection';
import { withSearchCacheCommands } from './cache-scripts';
import { searchCacheKeys } from './search-cache-keys';

/** What a shed gave back: bytes as the cache counts them (entry plus bookkeeping) and entries deleted. */
export interface ShedResult {
  bytes: number;
  entries: number;
}

/**
 * Gives the search cache's space back to Redis: deletes its least recently used entries, in one script (atomic, a few
 * ms for thousands of entries). Call it when a write meets `OOM command not allowed` (`isOutOfMemoryError` of
 * @albumboard/redis-connection), then retry the write once (`retryOnceAfterOutOfMemory`): the cache yields to the
 * queues. Works while Redis is out of memory (it only pops and deletes keys).
 *
 * - `connection`: the Redis that holds the queues (any role; it sends one EVALSHA). When the cache lives on another
 *   server (CACHE_REDIS_URL) this finds nothing there and returns `{ bytes: 0, entries: 0 }`, harmlessly.
 * - `prefix`: QUEUE_PREFIX.
 * - `bytes`: how much to free, as counted; default half of what the cache holds (at least one entry), keeping the most
 *   recently used half; `Infinity`: everything the cache counts.
 *
 * Entries the budget does not count (written by a version before it, or in `server-evicts` mode) are left to expire.
 */
export async function shedSearchCache(connection: RedisConnection, prefix: string, bytes?: number): Promise<ShedResult> {
  const keys = searchCacheKeys(prefix);
  const want = bytes === undefined ? 'half' : bytes === Infinity ? '-1' : String(Math.max(1, Math.ceil(bytes)));
  const [freed, entries] = await withSearchCacheCommands(connection).searchCacheShed(keys.lru, keys.bytes, want, keys.entryPrefix);
  return { bytes: Number(freed), entries: Number(entries) };
}
