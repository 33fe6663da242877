import { MAX_SEARCH_OFFSET } from '@albumboard/queue-contracts';
import { z } from 'zod';
import { isCountryCode } from './country-codes';
import { pageQueryShape, pageSchema } from './page.schema';
import { textParam } from './query-params';

const COUNTRY_CODE = 'must be a country code (ISO 3166-1 alpha-2), e.g. US';

/** The query string of `GET /api/v1/search`. Unknown parameters are ignored. */
export const searchQuerySchema = z.object({
  query: textParam()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .meta({ description: "An artist's name (1–200 characters after trimming)" }),
  ...pageQueryShape(MAX_SEARCH_OFFSET, 10),
  market: textParam()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { error: COUNTRY_CODE, abort: true })
    .toUpperCase()
    .refine(isCountryCode, COUNTRY_CODE)
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

/**
 * The part of a search answer that is cached (everything but the echoed query and the `cached` flag): the best-matching
 * artist and a page of their albums.
 */
export const searchResultSchema = z.object({ artist: artistSchema.nullable(), ...pageSchema(albumSchema).shape });
export type SearchResult = z.infer<typeof searchResultSchema>;

/** The body of a 200 answer of `GET /api/v1/search`. */
export const searchResponseSchema = z.object({
  query: z.string(),
  ...searchResultSchema.shape,
  cached: z.boolean().meta({ description: 'True when the answer came from the search cache' }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
