import { createHash } from 'node:crypto';
import type { Logger } from '@albumboard/observability';
import { type RedisConnection, withTimeout } from '@albumboard/redis-connection';
import { queueUnavailable } from '../errors/api-error';
import { searchResultSchema, type SearchQuery, type SearchResult } from '../schemas/search.schema';
import { storedCopy, type StoredCopy } from './cache-status';

/**
 * One entry: when the answer was fetched from Spotify (epoch ms, so its age can be told), a newline, and the answer as
 * JSON — kept serialised, so a hit is sent as it was stored without being parsed and serialised again. The answer is
 * checked against its schema once, when it is written.
 */
const ENTRY = /^(\d{1,15})\n(\{.*\})$/s;

/** A search answer as JSON text (a `SearchResult`, checked when it was stored). */
export type SearchResultJson = string & { readonly __brand: 'SearchResultJson' };

export interface SearchCacheOptions {
  redis: RedisConnection;
  /** The key prefix P (QUEUE_PREFIX); keys are `P:search-cache:<sha1>`. */
  prefix: string;
  /** Seconds an answer stays fresh; 0 disables the cache. */
  ttlSeconds: number;
  /** Seconds past fresh an answer is kept, to be answered when Spotify cannot be asked; 0: none. */
  staleSeconds?: number;
  /** The clock (epoch ms); tests move it. */
  now?: () => number;
  logger: Logger;
  /** Longest wait for one Redis command before the cache gives up. */
  commandTimeoutMs?: number;
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

/**
 * The search answer cache in Redis. A read that fails (Redis down or slow) throws a 503 `queue_unavailable`
 * ApiError: the API needs Redis for the Spotify path anyway, and an outage must not become a 500 or a hang.
 * A write that fails is only logged: the caller already has its answer.
 */
export class SearchCache {
  private readonly timeoutMs: number;
  private readonly staleSeconds: number;
  private readonly now: () => number;

  constructor(private readonly options: SearchCacheOptions) {
    this.timeoutMs = options.commandTimeoutMs ?? 2000;
    this.staleSeconds = options.staleSeconds ?? 0;
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.ttlSeconds > 0;
  }

  keyFor(query: SearchQuery): string {
    const normalized = JSON.stringify([ANSWER_SHAPE, normalizeSearchText(query.query), query.limit, query.offset, query.market ?? null]);
    return `${this.options.prefix}:search-cache:${createHash('sha1').update(normalized).digest('hex')}`;
  }

  /** The stored answer, fresh or usable stale, with its age; null when there is none (or it is past both). */
  async get(query: SearchQuery): Promise<StoredCopy<SearchResultJson> | null> {
    if (!this.enabled) return null;
    let raw: string | null;
    try {
      raw = await withTimeout(this.options.redis.get(this.keyFor(query)), this.timeoutMs, 'search cache read timed out');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'search cache read failed; Redis unavailable');
      throw queueUnavailable();
    }
    if (raw === null) return null;
    const entry = ENTRY.exec(raw);
    if (!entry) {
      this.options.logger.warn('search cache entry has an unexpected shape; ignoring it');
      return null;
    }
    const copy = storedCopy(entry[2] as SearchResultJson, Number(entry[1]), this.now(), this.options.ttlSeconds, this.staleSeconds);
    return copy.fresh || copy.usableStale ? copy : null;
  }

  /**
   * Checks a new answer against its schema and serialises it (once: the same text is stored and answered); then stores
   * it, fetched now, for fresh + stale seconds. `stored` is true when it was written.
   */
  async set(query: SearchQuery, result: SearchResult): Promise<{ json: SearchResultJson; stored: boolean }> {
    const json = JSON.stringify(searchResultSchema.parse(result)) as SearchResultJson;
    if (!this.enabled) return { json, stored: false };
    try {
      const write = this.options.redis.set(this.keyFor(query), `${this.now()}\n${json}`, 'EX', this.options.ttlSeconds + this.staleSeconds);
      await withTimeout(write, this.timeoutMs, 'search cache write timed out');
      return { json, stored: true };
    } catch (error) {
      this.options.logger.warn({ err: error }, 'search cache write failed; answering uncached');
      return { json, stored: false };
    }
  }
}
