import { Router } from 'express';
import { SPOTIFY_MESSAGES, sendSpotifyError } from '../http/spotify-error';
import type { EmulatorState } from '../services/emulator-state';
import { albumsRouter } from './albums.route';
import { artistsRouter } from './artists.route';
import { searchRouter } from './search.route';

/** The emulated Web API endpoints, mounted under `/v1` behind the gate. */
export function v1Router(state: EmulatorState): Router {
  const router = Router();
  router.use(searchRouter(state), artistsRouter(state), albumsRouter(state));
  router.use((_req, res) => sendSpotifyError(res, 404, SPOTIFY_MESSAGES.serviceNotFound));
  return router;
}
