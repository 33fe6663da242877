import { Router } from 'express';
import { parseQuery } from '../middleware/validate-request';
import { searchQuerySchema } from '../schemas/search.schema';
import { setCacheHeaders } from '../services/cache-status';
import type { SearchService } from '../services/search.service';

export const SEARCH_PATH = '/api/v1/search';

/** `GET /api/v1/search?query=&limit=&offset=&market=`: an artist's albums, from the cache or Spotify. */
export function searchRoutes(search: SearchService): Router {
  const router = Router();
  router.get(SEARCH_PATH, async (req, res) => {
    const query = parseQuery(searchQuerySchema, req.query as Record<string, unknown>);
    const { body, cache } = await search.search(query, res.locals.requestId);
    res.locals.searchCached = body.cached; // a cached answer (fresh or stale) is refunded by the per-client search limit
    setCacheHeaders(res, cache);
    res.json(body);
  });
  return router;
}
