import { Router } from 'express';
import { parseParams } from '../middleware/validate-input';
import { albumParamsSchema } from '../schemas/album.schema';
import type { AlbumCatalogService } from '../services/album-catalog.service';
import { setCacheHeaders } from '../services/cache-status';
import { albumResponseView } from '../services/rating-views';

export const ALBUM_PATH = '/api/v1/albums/:albumId';

/** `GET /api/v1/albums/:albumId`: the catalogue entry and its rating summary (looked up on Spotify if unknown). */
export function albumRoutes(albums: AlbumCatalogService): Router {
  const router = Router();
  router.get(ALBUM_PATH, async (req, res) => {
    const { albumId } = parseParams(albumParamsSchema, req.params);
    const { entry, cache } = await albums.get(albumId, res.locals.requestId);
    setCacheHeaders(res, cache);
    res.json(albumResponseView(entry));
  });
  return router;
}
