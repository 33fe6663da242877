import type { Logger } from '@albumboard/observability';
import type { MemoryRelief, RedisConnection } from '@albumboard/redis-connection';
import { shedSearchCache } from '@albumboard/search-cache';

/** Within this long of a shed, another OOM does not shed again (it reports what the last one freed). */
export const SHED_GAP_MS = 1_000;

/**
 * The relief a worker applies when one of its Redis writes meets `OOM command not allowed` (a full `noeviction`
 * Redis): the search cache gives back half of what it holds (`shedSearchCache`), so the queues' work goes on. Sheds
 * that would run together — concurrent jobs meeting the same full Redis — are one shed; another follows only after
 * SHED_GAP_MS. Resolves to the bytes freed (0 when the cache lives on another Redis, CACHE_REDIS_URL, or is empty).
 */
export function searchCacheRelief(connection: RedisConnection, prefix: string, logger: Logger, now: () => number = Date.now): MemoryRelief {
  let last: { at: number; freed: Promise<number> } | undefined;
  return () => {
    if (last && now() - last.at < SHED_GAP_MS) return last.freed;
    const freed = shedSearchCache(connection, prefix).then(
      ({ bytes, entries }) => {
        logger.warn({ freedBytes: bytes, entries }, `Redis is out of memory: the search cache gave back ${entries} entries (${bytes} bytes) so the queues go on; raise maxmemory, lower SEARCH_CACHE_MAX_MB or use CACHE_REDIS_URL`);
        return bytes;
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'Redis is out of memory and the search cache could not give its space back');
        return 0;
      },
    );
    last = { at: now(), freed };
    return freed;
  };
}
