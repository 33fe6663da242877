import { createHash } from 'node:crypto';

/**
 * The search cache's Redis keys, under the prefix P (QUEUE_PREFIX) — this module is their one owner:
 * - `P:search-cache:<id>`, one cached answer (a string, `cache-entry.ts`), `<id>` the sha1 (hex) of what identifies the
 *   search. ~570 bytes stored (real answers of 10 albums, deflated), ~780 by MEMORY USAGE (`pnpm bench:search-cache`);
 *   it lives for the answer's fresh + stale seconds (`EX`), or less once the budget or a shed removes it.
 * - `P:search-cache:lru`, a sorted set: one member `<id>` per entry the budget counts, scored
 *   `last use (epoch s) × 2^20 + bytes counted for it` (`lruScore`), so the least recently used entry comes first and
 *   its counted size is known even after its key expired. ~110 bytes per member.
 * - `P:search-cache:bytes`, the bytes counted for every member (an integer string).
 * Both bookkeeping keys live as long as the newest entry: every write sets their `EXPIRE` to its lifetime. Without a
 * budget of its own (`server-evicts`) the cache writes only the entries.
 */
export interface SearchCacheKeys {
  /** `P:search-cache:`, followed by an id: an entry's key. */
  entryPrefix: string;
  lru: string;
  bytes: string;
}

export function searchCacheKeys(prefix: string): SearchCacheKeys {
  const entryPrefix = `${prefix}:search-cache:`;
  return { entryPrefix, lru: `${entryPrefix}lru`, bytes: `${entryPrefix}bytes` };
}

/** The id of a cached search: the sha1 (hex) of the text that identifies it (normalised query, page, market). */
export function searchCacheId(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** 2^20: an lru score is `last use (s) × LRU_SCORE_UNIT + bytes`; an entry counted at this size or more is never stored. */
export const LRU_SCORE_UNIT = 1_048_576;
