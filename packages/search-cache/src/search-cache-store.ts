import type { Logger } from '@albumboard/observability';
import { isOutOfMemoryError, type RedisConnection, withTimeout } from '@albumboard/redis-connection';
import type { CacheBudget } from './cache-budget';
import { decodeEntry, encodeEntry, type CacheEntry } from './cache-entry';
import { withSearchCacheCommands, type SearchCacheCommands } from './cache-scripts';
import { shedSearchCache } from './shed-search-cache';
import { LRU_SCORE_UNIT, searchCacheId, searchCacheKeys, type SearchCacheKeys } from './search-cache-keys';

/**
 * Bytes an entry costs in Redis beyond its value's allocation: its key (~104 bytes with MEMORY USAGE), its expiry, its
 * `lru` member (~135) and its share of the hash tables. Measured on 1,800 real answers: `used_memory` grew 1,033 bytes
 * per entry of 649 stored; `countedBytes` says 1,088. test/search-cache-store.test.ts checks that what Redis holds
 * stays within the budget.
 */
export const ENTRY_OVERHEAD_BYTES = 320;

/**
 * What Redis allocates for `bytes` with jemalloc (its default allocator on Linux): 16-byte steps up to 128, then four
 * size classes per doubling (a 1,036-byte value takes 1,280).
 */
function allocationSize(bytes: number): number {
  if (bytes <= 128) return Math.max(16, Math.ceil(bytes / 16) * 16);
  const spacing = 2 ** Math.floor(Math.log2(bytes - 1)) / 4;
  return Math.ceil(bytes / spacing) * spacing;
}

/** The bytes an entry of `length` stored bytes is counted for: its value (+6 of string header) as allocated, plus overhead. */
export function countedBytes(length: number): number {
  return allocationSize(length + 6) + ENTRY_OVERHEAD_BYTES;
}
/** An entry's recency is raised at most once a minute: a hot entry costs one write a minute, not one per hit. */
export const TOUCH_EVERY_S = 60;

export interface SearchCacheStoreOptions {
  /** The cache's server: the queues' (REDIS_URL) or its own (CACHE_REDIS_URL); a fail-fast connection. Not closed here. */
  redis: RedisConnection;
  /** QUEUE_PREFIX. */
  prefix: string;
  budget: CacheBudget;
  logger: Logger;
  /** Longest wait for one Redis command (default 2000 ms). */
  commandTimeoutMs?: number;
  /** The clock (epoch ms) of recency; tests move it. */
  now?: () => number;
}

/**
 * Cached answers in Redis, within a budget (`CacheBudget`). A fresh hit is one EVALSHA (GET, and a recency raise at most
 * once a minute), a write one EVALSHA (SET, counting, dropping the least recently used past the budget); in
 * `server-evicts` mode a plain GET and SET. Entries are stored deflated (`cache-entry.ts`).
 */
export class SearchCacheStore {
  private readonly redis: RedisConnection & SearchCacheCommands;
  private readonly keys: SearchCacheKeys;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SearchCacheStoreOptions) {
    this.redis = withSearchCacheCommands(options.redis);
    this.keys = searchCacheKeys(options.prefix);
    this.timeoutMs = options.commandTimeoutMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** The Redis key of the entry that `text` (what identifies a search) names. */
  keyFor(text: string): string {
    return this.keys.entryPrefix + searchCacheId(text);
  }

  /** The entry stored for `text`, or null (none, or not one this version can read). Throws when Redis fails or is slow. */
  async read(text: string): Promise<CacheEntry | null> {
    const id = searchCacheId(text);
    const key = this.keys.entryPrefix + id;
    const reply =
      this.options.budget.kind === 'bounded'
        ? this.redis.searchCacheReadBuffer(key, this.keys.lru, id, this.nowS(), TOUCH_EVERY_S)
        : this.redis.getBuffer(key);
    const raw = await withTimeout(reply, this.timeoutMs, 'search cache read timed out');
    if (raw === null) return null;
    const entry = decodeEntry(raw);
    if (!entry) this.options.logger.warn('search cache entry has an unexpected shape; ignoring it');
    return entry;
  }

  /**
   * Stores `entry` for `text` for `lifetimeS` seconds; true when stored. Never throws: a failure is logged and the
   * caller answers uncached. When Redis is out of memory the cache first gives back half its space (`shed`).
   */
  async write(text: string, entry: CacheEntry, lifetimeS: number): Promise<boolean> {
    const id = searchCacheId(text);
    const key = this.keys.entryPrefix + id;
    const value = encodeEntry(entry);
    const { budget } = this.options;
    try {
      if (budget.kind === 'server-evicts') {
        await withTimeout(this.redis.set(key, value, 'EX', lifetimeS), this.timeoutMs, 'search cache write timed out');
        return true;
      }
      const counted = countedBytes(value.length);
      if (counted > budget.maxBytes || counted >= LRU_SCORE_UNIT) return false;
      const { lru, bytes, entryPrefix } = this.keys;
      const write = this.redis.searchCacheWrite(key, lru, bytes, value, lifetimeS, id, this.nowS(), budget.maxBytes, counted, entryPrefix);
      await withTimeout(write, this.timeoutMs, 'search cache write timed out');
      return true;
    } catch (error) {
      if (isOutOfMemoryError(error)) await this.shed();
      else this.options.logger.warn({ err: error }, 'search cache write failed; answering uncached');
      return false;
    }
  }

  /**
   * Gives space back after a write met OOM (the api's queue producers call it before retrying their add): deletes the
   * least recently used half of the cache, or `bytes` (as counted); logs what it freed and the fix. Resolves to the
   * bytes freed; never throws (0 when it could not).
   */
  async shed(bytes?: number): Promise<number> {
    try {
      const freed = await withTimeout(shedSearchCache(this.redis, this.options.prefix, bytes), this.timeoutMs, 'search cache shed timed out');
      const what = freed.entries > 0 ? 'the search cache gave back its least recently used entries so queued work goes on' : 'the search cache had nothing to give back';
      this.options.logger.warn(
        { freedBytes: freed.bytes, freedEntries: freed.entries },
        `Redis is out of memory (used_memory over maxmemory, noeviction): ${what}. ` +
          'Fix: give Redis more memory, lower SEARCH_CACHE_MAX_MB, or move the cache to its own Redis with CACHE_REDIS_URL',
      );
      return freed.bytes;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'the search cache could not give back its space');
      return 0;
    }
  }

  private nowS(): number {
    return Math.floor(this.now() / 1000);
  }
}
