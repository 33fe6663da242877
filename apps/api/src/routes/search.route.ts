import { Router, type Request, type Response } from 'express';
import { parseQuery } from '../middleware/validate-request';
import { searchQuerySchema } from '../schemas/search.schema';
import { setCacheHeaders } from '../services/cache-status';
import type { SearchService } from '../services/search.service';

export const SEARCH_PATH = '/api/v1/search';

/**
 * `GET /api/v1/search?query=&limit=&offset=&market=`: an artist's albums, from the cache or Spotify. `admit` (the
 * per-client search limit) runs only when Spotify may be asked.
 */
export function searchRoutes(search: SearchService, admit: (req: Request, res: Response) => Promise<void>): Router {
  const router = Router();
  router.get(SEARCH_PATH, async (req, res) => {
    const query = parseQuery(searchQuerySchema, req.query as Record<string, unknown>);
    const { json, cache } = await search.search(query, res.locals.requestId, () => admit(req, res));
    setCacheHeaders(res, cache);
    res.type('json').send(json);
  });
  return router;
}
