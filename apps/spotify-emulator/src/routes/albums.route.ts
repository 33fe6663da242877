import { Router } from 'express';
import { isSpotifyId, parseMarket, parsePaging } from '../http/params';
import { fullAlbum, tracksPaging } from '../http/serializers';
import { SPOTIFY_MESSAGES as MSG, sendSpotifyError } from '../http/spotify-error';
import type { EmulatorState } from '../services/emulator-state';
import { renderContext } from './render-context';

/** `GET /v1/albums/{id}` (full album, first 50 tracks embedded) and `GET /v1/albums/{id}/tracks`. */
export function albumsRouter(state: EmulatorState): Router {
  const router = Router();

  router.get('/albums/:id', (req, res) => {
    if (!isSpotifyId(req.params.id)) return sendSpotifyError(res, 400, MSG.invalidId);
    const market = parseMarket(req.query.market);
    if (!market.ok) return sendSpotifyError(res, 400, MSG.invalidMarket);
    const album = state.catalog.albums.get(req.params.id);
    if (!album) return sendSpotifyError(res, 404, MSG.notFound);
    res.json(fullAlbum(renderContext(req, state, market.market), album));
  });

  router.get('/albums/:id/tracks', (req, res) => {
    if (!isSpotifyId(req.params.id)) return sendSpotifyError(res, 400, MSG.invalidId);
    const page = parsePaging(req, res, { limit: { fallback: 20, min: 1, max: 50 }, maxOffset: 100_000 });
    if (!page) return;
    const { limit, offset, market } = page;
    const album = state.catalog.albums.get(req.params.id);
    if (!album) return sendSpotifyError(res, 404, MSG.notFound);
    res.json(tracksPaging(renderContext(req, state, market), album, offset, limit));
  });
  return router;
}
