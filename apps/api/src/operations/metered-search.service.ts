import type { SearchQuery } from '../schemas/search.schema';
import { SearchService, type SearchCaller, type SearchOutcome, type SearchServiceOptions } from '../services/search.service';
import type { ApiMetrics } from './api-metrics';

/**
 * The search service, counting its answers in `albumboard_search_answers_total{answer}` by how the cache took part:
 * `hit` (fresh copy), `miss` and `refreshed` (Spotify answered), `stale` (Spotify refused or failed, the stale copy
 * answered), `uncached` (cache off). Refusals and errors are not answers: they are in `http_request_duration_seconds`.
 */
export class MeteredSearchService extends SearchService {
  constructor(
    private readonly metrics: ApiMetrics,
    options: SearchServiceOptions,
  ) {
    super(options);
  }

  override async search(query: SearchQuery, caller: SearchCaller, admit?: () => Promise<void>): Promise<SearchOutcome> {
    const outcome = await super.search(query, caller, admit);
    this.metrics.searchAnswers.inc({ answer: outcome.cache?.kind ?? 'uncached' });
    return outcome;
  }
}
