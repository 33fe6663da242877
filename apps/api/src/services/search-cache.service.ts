import { createHash } from 'node:crypto';
import type { Logger } from '@albumboard/observability';
import type { RedisConnection } from '@albumboard/redis-connection';
import { queueUnavailable } from '../errors/api-error';
import { searchResultSchema, type SearchQuery, type SearchResult } from '../schemas/search.schema';
import { withTimeout } from './with-timeout';

export interface SearchCacheOptions {
  redis: RedisConnection;
  /** The key prefix P (QUEUE_PREFIX); keys are `P:search-cache:<sha1>`. */
  prefix: string;
  /** Seconds an answer stays cached; 0 disables the cache. */
  ttlSeconds: number;
  logger: Logger;
  /** Longest wait for one Redis command before the cache gives up. */
  commandTimeoutMs?: number;
}

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

  constructor(private readonly options: SearchCacheOptions) {
    this.timeoutMs = options.commandTimeoutMs ?? 2000;
  }

  get enabled(): boolean {
    return this.options.ttlSeconds > 0;
  }

  keyFor(query: SearchQuery): string {
    const normalized = JSON.stringify([normalizeSearchText(query.query), query.limit, query.offset, query.market ?? null]);
    return `${this.options.prefix}:search-cache:${createHash('sha1').update(normalized).digest('hex')}`;
  }

  async get(query: SearchQuery): Promise<SearchResult | null> {
    if (!this.enabled) return null;
    let raw: string | null;
    try {
      raw = await withTimeout(this.options.redis.get(this.keyFor(query)), this.timeoutMs, 'search cache read timed out');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'search cache read failed; Redis unavailable');
      throw queueUnavailable();
    }
    if (raw === null) return null;
    const parsed = searchResultSchema.safeParse(safeJson(raw));
    if (parsed.success) return parsed.data;
    this.options.logger.warn('search cache entry has an unexpected shape; ignoring it');
    return null;
  }

  async set(query: SearchQuery, result: SearchResult): Promise<void> {
    if (!this.enabled) return;
    try {
      const write = this.options.redis.set(this.keyFor(query), JSON.stringify(result), 'EX', this.options.ttlSeconds);
      await withTimeout(write, this.timeoutMs, 'search cache write timed out');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'search cache write failed; answering uncached');
    }
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
