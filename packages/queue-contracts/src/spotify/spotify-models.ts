import { z } from 'zod';

/**
 * albumboard's own view of Spotify objects, as they travel through the `spotify` queue.
 * The client maps Spotify's raw responses onto these; they are deliberately smaller than Spotify's objects.
 * New fields must be optional so a result produced before a deploy still validates.
 */

/** A Spotify base62 id: 22 characters. */
export const spotifyIdSchema = z.string().regex(/^[0-9A-Za-z]{22}$/, 'must be a 22-character Spotify id');

/** An ISO 3166-1 alpha-2 market code. */
export const marketSchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code');

export const artistRefSchema = z.object({ id: z.string(), name: z.string() });
export type ArtistRef = z.infer<typeof artistRefSchema>;

export const albumSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  artists: z.array(artistRefSchema),
  releaseDate: z.string().nullable(),
  releaseDatePrecision: z.enum(['year', 'month', 'day']).nullable(),
  totalTracks: z.number().int().nullable(),
  imageUrl: z.string().nullable(),
  spotifyUrl: z.string().nullable(),
  albumType: z.string().nullable(),
});
export type AlbumSummary = z.infer<typeof albumSummarySchema>;

export const trackSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  trackNumber: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
});
export type TrackSummary = z.infer<typeof trackSummarySchema>;

export const albumDetailSchema = albumSummarySchema.extend({
  label: z.string().nullable().optional(),
  genres: z.array(z.string()).optional(),
  tracks: z.array(trackSummarySchema).optional(),
});
export type AlbumDetail = z.infer<typeof albumDetailSchema>;

export const artistSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  imageUrl: z.string().nullable(),
  spotifyUrl: z.string().nullable(),
  genres: z.array(z.string()).optional(),
  popularity: z.number().nullable().optional(),
  followers: z.number().nullable().optional(),
});
export type ArtistSummary = z.infer<typeof artistSummarySchema>;

/** A page of results, with the paging fields albumboard exposes. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    hasMore: z.boolean(),
  });
}

export const artistPageSchema = pageSchema(artistSummarySchema);
export type ArtistPage = z.infer<typeof artistPageSchema>;
export const albumPageSchema = pageSchema(albumSummarySchema);
export type AlbumPage = z.infer<typeof albumPageSchema>;

/** The answer of `searchArtistAlbums`: the best-matching artist and a page of their albums. */
export const artistAlbumsResultSchema = z.object({
  artist: artistSummarySchema.nullable(),
  albums: albumPageSchema,
});
export type ArtistAlbumsResult = z.infer<typeof artistAlbumsResultSchema>;
