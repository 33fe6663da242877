import { Router, type RequestHandler } from 'express';
import { currentUser } from '../auth/require-user.middleware';
import { parseQuery } from '../middleware/validate-request';
import { userRatingsQuerySchema } from '../schemas/rating.schema';
import type { RatingService } from '../services/rating.service';
import { userRatingsView } from '../services/rating-views';

export const MY_RATINGS_PATH = '/api/v1/me/ratings';

/** `GET /api/v1/me/ratings?limit=&offset=`: the signed-in user's ratings, most recently changed first. */
export function meRoutes(ratings: RatingService, auth: RequestHandler): Router {
  const router = Router();
  router.get(MY_RATINGS_PATH, auth, async (req, res) => {
    const page = parseQuery(userRatingsQuerySchema, req.query as Record<string, unknown>);
    res.json(userRatingsView(await ratings.listMine(currentUser(res).id, page)));
  });
  return router;
}
