import type { Logger } from '@albumboard/observability';
import type { SearchCacheStore } from '@albumboard/search-cache';
import { queueUnavailable } from '../errors/api-error';
import { searchResultSchema, type SearchQuery, type SearchResult } from '../schemas/search.schema';
import { storedCopy, type StoredCopy } from './cache-status';

/** A search answer as JSON text (a `SearchResult`, checked when it was stored). */
export type SearchResultJson = string & { readonly __brand: 'SearchResultJson' };

export interface SearchCacheOptions {
  /** Where answers are kept, within the cache's memory budget (@albumboard/search-cache). */
  store: SearchCacheStore;
  /** Seconds an answer stays fresh; 0 disables the cache. */
  ttlSeconds: number;
  /** Seconds past fresh an answer is kept, to be answered when Spotify cannot be asked; 0: none. */
  staleSeconds?: number;
  /** The clock (epoch ms); tests move it. */
  now?: () => number;
  logger: Logger;
}

/**
 * The shape of the stored answers, part of what identifies an entry: entries are answered as stored, so an answer of an
 * older shape (1: `albums` and `paging{…}`, before the one page shape) is never found again and simply expires.
 */
const ANSWER_SHAPE = 2;

/** Lower-cases and collapses whitespace, so `Taylor  Swift` and `taylor swift` share one entry. */
export function normalizeSearchText(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** What identifies a search in the cache: the normalised query, its page and its market. */
function cacheText(query: SearchQuery): string {
  return JSON.stringify([ANSWER_SHAPE, normalizeSearchText(query.query), query.limit, query.offset, query.market ?? null]);
}

/**
 * The search answer cache. Answers are kept as JSON text, so a hit is sent as it was stored without being parsed and
 * serialised again; the answer is checked against its schema once, when it is written. A read that fails (Redis down or
 * slow) throws a 503 `queue_unavailable` ApiError: the API needs Redis for the Spotify path anyway, and an outage must
 * not become a 500 or a hang. A write that fails (Redis out of memory included) is only logged: the caller already has
 * its answer.
 */
export class SearchCache {
  private readonly staleSeconds: number;
  private readonly now: () => number;

  constructor(private readonly options: SearchCacheOptions) {
    this.staleSeconds = options.staleSeconds ?? 0;
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.ttlSeconds > 0;
  }

  keyFor(query: SearchQuery): string {
    return this.options.store.keyFor(cacheText(query));
  }

  /** The stored answer, fresh or usable stale, with its age; null when there is none (or it is past both). */
  async get(query: SearchQuery): Promise<StoredCopy<SearchResultJson> | null> {
    if (!this.enabled) return null;
    let entry;
    try {
      entry = await this.options.store.read(cacheText(query));
    } catch (error) {
      this.options.logger.warn({ err: error }, 'search cache read failed; Redis unavailable');
      throw queueUnavailable();
    }
    if (entry === null) return null;
    const copy = storedCopy(entry.json as SearchResultJson, entry.fetchedAtMs, this.now(), this.options.ttlSeconds, this.staleSeconds);
    return copy.fresh || copy.usableStale ? copy : null;
  }

  /**
   * Checks a new answer against its schema and serialises it (once: the same text is stored and answered); then stores
   * it, fetched now, for fresh + stale seconds. `stored` is true when it was written.
   */
  async set(query: SearchQuery, result: SearchResult): Promise<{ json: SearchResultJson; stored: boolean }> {
    const json = JSON.stringify(searchResultSchema.parse(result)) as SearchResultJson;
    if (!this.enabled) return { json, stored: false };
    const stored = await this.options.store.write(cacheText(query), { fetchedAtMs: this.now(), json }, this.options.ttlSeconds + this.staleSeconds);
    return { json, stored };
  }
}
