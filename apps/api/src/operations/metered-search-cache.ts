import type { SearchQuery, SearchResult } from '../schemas/search.schema';
import { SearchCache, type SearchCacheOptions } from '../services/search-cache.service';
import type { ApiMetrics } from './api-metrics';

/** The search cache, counting hits and misses in `albumboard_search_cache_requests_total{result}`. */
export class MeteredSearchCache extends SearchCache {
  constructor(
    private readonly metrics: ApiMetrics,
    options: SearchCacheOptions,
  ) {
    super(options);
  }

  override async get(query: SearchQuery): Promise<SearchResult | null> {
    const found = await super.get(query);
    if (this.enabled) this.metrics.searchCache.inc({ result: found ? 'hit' : 'miss' });
    return found;
  }
}
