import { Router, type Request, type Response } from 'express';
import { parseQuery } from '../middleware/validate-request';
import { searchQuerySchema } from '../schemas/search.schema';
import { setCacheHeaders } from '../services/cache-status';
import type { SearchService } from '../services/search.service';
import { clientKey } from '../security/client-rate-limit.middleware';

export const SEARCH_PATH = '/api/v1/search';

/**
 * `GET /api/v1/search?query=&limit=&offset=&market=`: an artist's albums, from the cache or Spotify. `admit` (the
 * per-client search limit) runs only when Spotify may be asked. The call carries the client (its fair share of the
 * budget) and the caller's `Prefer: wait=N` (preferWait, mounted before it).
 */
export function searchRoutes(search: SearchService, admit: (req: Request, res: Response) => Promise<void>): Router {
  const router = Router();
  router.get(SEARCH_PATH, async (req, res) => {
    const query = parseQuery(searchQuerySchema, req.query as Record<string, unknown>);
    const caller = { requestId: res.locals.requestId, client: clientKey(req.ip), waitMs: res.locals.preferredWaitMs };
    const { json, cache } = await search.search(query, caller, () => admit(req, res));
    setCacheHeaders(res, cache);
    res.type('json').send(json);
  });
  return router;
}
