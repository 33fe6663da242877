import type { z } from 'zod';
import { ALBUM_PATH } from '../routes/albums.route';
import { LEADERBOARD_PATH } from '../routes/leaderboard.route';
import { MY_RATINGS_PATH } from '../routes/me.route';
import { ALBUM_RATING_PATH } from '../routes/ratings.route';
import { albumParamsSchema, albumResponseSchema } from '../schemas/album.schema';
import { leaderboardQuerySchema, leaderboardResponseSchema } from '../schemas/leaderboard.schema';
import { ratingBodySchema, ratingResponseSchema, userRatingsQuerySchema, userRatingsResponseSchema } from '../schemas/rating.schema';
import {
  cachedAnswerHeaders,
  errorAnswer,
  jsonContent,
  openApiPath,
  pathParametersOf,
  queryParametersOf,
  requestIdHeader,
  requestIdParameter,
  retryLaterAnswer,
  unauthorizedAnswer,
  type JsonObject,
} from './openapi-parts';

export const BEARER_SECURITY_SCHEME = 'bearerAuth';

/** `components.securitySchemes` entries of the rating routes. */
export const ratingSecuritySchemes = {
  [BEARER_SECURITY_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Supabase user access token (verified against the project JWKS or its JWT secret; `sub` is the user id). ' +
      'In dev auth mode (no SUPABASE_URL / SUPABASE_JWT_SECRET) mint one with `pnpm run -s token <name>`.',
  },
};

/** Registers the rating routes' body and answer schemas as components. */
export function registerRatingSchemas(registry: z.core.$ZodRegistry<{ id: string }>): void {
  registry.add(ratingBodySchema, { id: 'RatingRequest' });
  registry.add(ratingResponseSchema, { id: 'RatingResponse' });
  registry.add(userRatingsResponseSchema, { id: 'UserRatingsResponse' });
  registry.add(albumResponseSchema, { id: 'AlbumResponse' });
  registry.add(leaderboardResponseSchema, { id: 'LeaderboardResponse' });
}

const secured = [{ [BEARER_SECURITY_SCHEME]: [] }];
const albumId = pathParametersOf(albumParamsSchema);
const ok = (description: string, schema: string) => ({ description, headers: requestIdHeader, content: jsonContent(schema) });
const invalid = errorAnswer('invalid_request: a parameter or the body is invalid; `details` lists `{ path, message }` issues');
const internal = errorAnswer('internal: an unexpected error (logged, never detailed)');
const spotifyAnswers = {
  '502': errorAnswer('upstream_error: Spotify failed or refused the lookup of an album the catalogue lacks'),
  '504': errorAnswer('worker_timeout: "Spotify worker timed out" (looking up an album the catalogue lacks)'),
};
const unavailable = retryLaterAnswer(
  'database_unavailable (the ratings database does not answer), auth_unavailable (the JWKS cannot be fetched), ' +
    'queue_unavailable, spotify_unavailable, spotify_busy or spotify_worker_unavailable (looking up an album the catalogue lacks)',
);

/** The OpenAPI path items of the rating, album, `me` and leaderboard routes. */
export function ratingPaths(): Record<string, JsonObject> {
  return {
    [openApiPath(ALBUM_RATING_PATH)]: {
      put: {
        operationId: 'rateAlbum',
        tags: ['ratings'],
        summary: 'Create or change your rating of an album (idempotent)',
        description:
          'An album the catalogue does not know is looked up on Spotify through the `spotify` queue and stored first. ' +
          'The leaderboards follow within seconds (a recompute is queued); the rating is acknowledged only once stored. Body ≤ 4 kb.',
        security: secured,
        parameters: [...albumId, requestIdParameter],
        requestBody: { required: true, content: jsonContent('RatingRequest') },
        responses: {
          '200': ok('Your rating as stored', 'RatingResponse'),
          '400': invalid,
          '401': unauthorizedAnswer(),
          '403': errorAnswer('forbidden: the database refused the write'),
          '404': errorAnswer('album_not_found: Spotify has no album with this id'),
          '413': errorAnswer('payload_too_large: the body exceeds 4 kb'),
          '415': errorAnswer('unsupported_media_type: the body is in a charset or content encoding the api does not read (JSON in UTF-8/16/32, no Content-Encoding)'),
          '500': internal,
          ...spotifyAnswers,
          '503': unavailable,
        },
      },
      delete: {
        operationId: 'deleteAlbumRating',
        tags: ['ratings'],
        summary: 'Delete your rating of an album',
        description: 'The leaderboards follow within seconds (a recompute is queued).',
        security: secured,
        parameters: [...albumId, requestIdParameter],
        responses: {
          '204': { description: 'Deleted', headers: requestIdHeader },
          '400': invalid,
          '401': unauthorizedAnswer(),
          '404': errorAnswer('not_found: you have not rated this album'),
          '500': internal,
          '503': unavailable,
        },
      },
    },
    [openApiPath(ALBUM_PATH)]: {
      get: {
        operationId: 'getAlbum',
        tags: ['albums'],
        security: [],
        summary: 'An album from the catalogue with its rating summary',
        description:
          'An album the catalogue does not know, or knows for longer than CATALOG_REFRESH_AFTER_DAYS, is looked up on Spotify through the `spotify` queue and stored; when Spotify cannot be asked, an older entry is answered (stale) — see the `Cache-Status` header.',
        parameters: [...albumId, requestIdParameter],
        responses: {
          '200': { ...ok('The album and its rating summary', 'AlbumResponse'), headers: cachedAnswerHeaders },
          '400': invalid,
          '404': errorAnswer('album_not_found: Spotify has no album with this id'),
          '500': internal,
          ...spotifyAnswers,
          '503': unavailable,
        },
      },
    },
    [MY_RATINGS_PATH]: {
      get: {
        operationId: 'listMyRatings',
        tags: ['ratings'],
        summary: 'Your ratings, most recently changed first',
        description: 'One page of your ratings, each with the album basics; `total` counts all of them.',
        security: secured,
        parameters: [...queryParametersOf(userRatingsQuerySchema), requestIdParameter],
        responses: {
          '200': ok('A page of your ratings', 'UserRatingsResponse'),
          '400': invalid,
          '401': unauthorizedAnswer(),
          '500': internal,
          '503': unavailable,
        },
      },
    },
    [LEADERBOARD_PATH]: {
      get: {
        operationId: 'getLeaderboard',
        tags: ['leaderboard'],
        security: [],
        summary: 'A page of the current leaderboard of a window',
        description:
          'Ranked by a Bayesian average (prior mean 6, weight 5), then by rating count, then album id. Boards are recomputed ' +
          'by worker-leaderboard and swapped in atomically: every entry of a page comes from the same board.',
        parameters: [...queryParametersOf(leaderboardQuerySchema), requestIdParameter],
        responses: {
          '200': ok('A page of the board (empty, with computedAt null, before the first computation)', 'LeaderboardResponse'),
          '400': invalid,
          '500': internal,
          '503': unavailable,
        },
      },
    },
  };
}
