import type { SearchQuery } from '../schemas/search.schema';
import type { StoredCopy } from '../services/cache-status';
import { SearchCache, type SearchCacheOptions, type SearchResultJson } from '../services/search-cache.service';
import type { ApiMetrics } from './api-metrics';

/**
 * The search cache, counting reads in `albumboard_search_cache_requests_total{result}`: `hit` (fresh), `stale` (past
 * fresh: Spotify is asked, the copy answered only if that fails) and `miss`.
 */
export class MeteredSearchCache extends SearchCache {
  constructor(
    private readonly metrics: ApiMetrics,
    options: SearchCacheOptions,
  ) {
    super(options);
  }

  override async get(query: SearchQuery): Promise<StoredCopy<SearchResultJson> | null> {
    const found = await super.get(query);
    if (this.enabled) this.metrics.searchCache.inc({ result: found ? (found.fresh ? 'hit' : 'stale') : 'miss' });
    return found;
  }
}
