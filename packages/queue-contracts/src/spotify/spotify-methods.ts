import { z } from 'zod';
import {
  albumDetailSchema,
  albumPageSchema,
  artistAlbumsResultSchema,
  artistPageSchema,
  artistSummarySchema,
  marketSchema,
  spotifyIdSchema,
} from './spotify-models';

/** Spotify caps search and artist-album pages at 10; albumboard pages above that, up to this bound. */
export const MAX_PAGED_LIMIT = 50;
/** Spotify's own bound on search offsets. */
export const MAX_SEARCH_OFFSET = 1000;

const queryText = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const pagedLimit = z.number().int().min(1).max(MAX_PAGED_LIMIT);
const offset = z.number().int().min(0).max(MAX_SEARCH_OFFSET);
export const albumGroupSchema = z.enum(['album', 'single', 'appears_on', 'compilation']);

/**
 * The closed list of Spotify methods a `spotify.call` job may name, with the schema of their arguments and of their
 * result, and `upstreamRequests`: the Web API requests one call of it needs from the budget (admission predicts a new
 * call's start from it). Nothing outside this list is ever executed by the worker.
 */
export const spotifyMethods = {
  searchArtists: {
    args: z.strictObject({ query: queryText, limit: z.number().int().min(1).max(10).default(5), offset: offset.default(0), market: marketSchema.optional() }),
    result: artistPageSchema,
    upstreamRequests: 1,
  },
  getArtist: {
    args: z.strictObject({ id: spotifyIdSchema }),
    result: artistSummarySchema,
    upstreamRequests: 1,
  },
  getArtistAlbums: {
    args: z.strictObject({
      id: spotifyIdSchema,
      limit: pagedLimit.default(10),
      offset: z.number().int().min(0).default(0),
      market: marketSchema.optional(),
      includeGroups: z.array(albumGroupSchema).min(1).optional(),
    }),
    result: albumPageSchema,
    upstreamRequests: 1,
  },
  getAlbum: {
    args: z.strictObject({ id: spotifyIdSchema, market: marketSchema.optional() }),
    result: albumDetailSchema,
    upstreamRequests: 1,
  },
  searchArtistAlbums: {
    args: z.strictObject({ query: queryText, limit: pagedLimit.default(10), offset: z.number().int().min(0).default(0), market: marketSchema.optional() }),
    result: artistAlbumsResultSchema,
    /** A search for the artist, then their albums. */
    upstreamRequests: 2,
  },
} as const;

export type SpotifyMethodName = keyof typeof spotifyMethods;
export const SPOTIFY_METHOD_NAMES = Object.keys(spotifyMethods) as SpotifyMethodName[];
export const spotifyMethodNameSchema = z.enum(SPOTIFY_METHOD_NAMES as [SpotifyMethodName, ...SpotifyMethodName[]]);

/** Arguments as a caller may write them (defaults not yet applied). */
export type SpotifyMethodArgsInput<M extends SpotifyMethodName> = z.input<(typeof spotifyMethods)[M]['args']>;
/** Arguments after parsing (defaults applied). */
export type SpotifyMethodArgs<M extends SpotifyMethodName> = z.output<(typeof spotifyMethods)[M]['args']>;
export type SpotifyMethodResult<M extends SpotifyMethodName> = z.output<(typeof spotifyMethods)[M]['result']>;

/** Web API requests one call of `method` needs from the budget. */
export function spotifyMethodCost(method: SpotifyMethodName): number {
  return spotifyMethods[method].upstreamRequests;
}

export function isSpotifyMethodName(value: unknown): value is SpotifyMethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(spotifyMethods, value);
}

/** Parses the arguments of `method`; throws a ZodError on bad input. */
export function parseSpotifyArgs<M extends SpotifyMethodName>(method: M, args: unknown): SpotifyMethodArgs<M> {
  return spotifyMethods[method].args.parse(args) as SpotifyMethodArgs<M>;
}
