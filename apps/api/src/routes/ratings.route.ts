import { Router, type RequestHandler } from 'express';
import { currentUser } from '../auth/require-user.middleware';
import { ApiError } from '../errors/api-error';
import { requireJsonBody } from '../middleware/json-body.middleware';
import { parseBody, parseParams } from '../middleware/validate-input';
import { albumParamsSchema } from '../schemas/album.schema';
import { ratingBodySchema } from '../schemas/rating.schema';
import type { RatingService } from '../services/rating.service';
import { ratingView } from '../services/rating-views';

export const ALBUM_RATING_PATH = '/api/v1/albums/:albumId/rating';

/** `PUT` and `DELETE /api/v1/albums/:albumId/rating`: the signed-in user's own rating of an album. */
export function ratingRoutes(ratings: RatingService, auth: RequestHandler): Router {
  const router = Router();
  router.put(ALBUM_RATING_PATH, auth, requireJsonBody(), async (req, res) => {
    const { albumId } = parseParams(albumParamsSchema, req.params);
    const { score } = parseBody(ratingBodySchema, req.body);
    const rating = await ratings.rate(currentUser(res).id, albumId, score, res.locals.requestId);
    res.json(ratingView(rating));
  });
  router.delete(ALBUM_RATING_PATH, auth, async (req, res) => {
    const { albumId } = parseParams(albumParamsSchema, req.params);
    const removed = await ratings.remove(currentUser(res).id, albumId, res.locals.requestId);
    if (!removed) throw new ApiError(404, 'not_found', 'You have not rated this album');
    res.status(204).end();
  });
  return router;
}
