import { MAX_PAGED_LIMIT, MAX_SEARCH_OFFSET } from '@albumboard/queue-contracts';
import { z } from 'zod';
import { isCountryCode } from './country-codes';
import { integerParam, textParam } from './query-params';

/** The query string of `GET /api/v1/search`. Unknown parameters are ignored. */
export const searchQuerySchema = z.object({
  query: textParam()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .meta({ description: "An artist's name (1–200 characters after trimming)" }),
  limit: integerParam(1, MAX_PAGED_LIMIT, 10).meta({ description: 'Albums per page (1–50, default 10)' }),
  offset: integerParam(0, MAX_SEARCH_OFFSET, 0).meta({ description: 'Index of the first album (0–1000, default 0)' }),
  market: textParam()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
    .toUpperCase()
    .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code')
    .optional()
    .meta({ description: 'ISO 3166-1 alpha-2 market, e.g. US (case-insensitive)' }),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

const artistSchema = z.object({ id: z.string(), name: z.string(), imageUrl: z.string().nullable(), spotifyUrl: z.string().nullable() });

const albumSchema = z.object({
  id: z.string(),
  name: z.string(),
  artists: z.array(z.object({ id: z.string(), name: z.string() })),
  releaseDate: z.string().nullable(),
  totalTracks: z.number().int().nullable(),
  imageUrl: z.string().nullable(),
  spotifyUrl: z.string().nullable(),
  albumType: z.string().nullable(),
});

const pagingSchema = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  total: z.number().int(),
  hasMore: z.boolean(),
  nextOffset: z.number().int().nullable().meta({ description: 'Offset of the next page, or null on the last page' }),
});

/** The part of a search answer that is cached (everything but the echoed query and the `cached` flag). */
export const searchResultSchema = z.object({ artist: artistSchema.nullable(), albums: z.array(albumSchema), paging: pagingSchema });
export type SearchResult = z.infer<typeof searchResultSchema>;

/** The body of a 200 answer of `GET /api/v1/search`. */
export const searchResponseSchema = z.object({
  query: z.string(),
  ...searchResultSchema.shape,
  cached: z.boolean().meta({ description: 'True when the answer came from the search cache' }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
