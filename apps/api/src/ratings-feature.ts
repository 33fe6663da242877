import type { RatingStore } from '@albumboard/rating-store';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import { Router } from 'express';
import { authSettingsOf } from './auth/auth-settings';
import { requireUser } from './auth/require-user.middleware';
import { createTokenVerifier, type TokenVerifier } from './auth/token-verifier';
import type { ApiConfig } from './config';
import { albumRoutes } from './routes/albums.route';
import { leaderboardRoutes } from './routes/leaderboard.route';
import { meRoutes } from './routes/me.route';
import { ratingRoutes } from './routes/ratings.route';
import { AlbumCatalogService } from './services/album-catalog.service';
import type { BackgroundJobs } from './services/background-jobs';
import { RatingService } from './services/rating.service';

export interface RatingsFeatureDeps {
  config: ApiConfig;
  store: RatingStore;
  spotify: SpotifyCaller;
  jobs: BackgroundJobs;
  /** Replaces the verifier built from the config (tests). */
  verifier?: TokenVerifier;
  /** The clock (epoch ms) that ages catalogue entries; tests move it. */
  now?: () => number;
}

/** Ratings, albums, leaderboards and `me`: one router over the services that do the work. */
export function ratingsRouter(deps: RatingsFeatureDeps): Router {
  const { config, store, spotify, jobs } = deps;
  const auth = requireUser(deps.verifier ?? createTokenVerifier(authSettingsOf(config)));
  const albums = new AlbumCatalogService({
    store,
    spotify,
    callTimeoutMs: config.SPOTIFY_CALL_TIMEOUT_MS,
    freshSeconds: config.CATALOG_REFRESH_AFTER_DAYS * 24 * 3600,
    staleSeconds: config.SEARCH_CACHE_STALE_S,
    now: deps.now,
  });
  const ratings = new RatingService({ store, albums, leaderboard: jobs.leaderboard });
  const router = Router();
  router.use(ratingRoutes(ratings, auth));
  router.use(albumRoutes(albums));
  router.use(meRoutes(ratings, auth));
  router.use(leaderboardRoutes(store));
  return router;
}
