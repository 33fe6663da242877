import { spotifyIdSchema } from '@albumboard/queue-contracts';
import { z } from 'zod';
import { rawSimplifiedArtistSchema } from './artist.schema';
import { rawExternalUrlsSchema, rawImagesSchema } from './image.schema';
import { rawPagingSchema } from './paging.schema';

/**
 * SimplifiedAlbumObject (search type=album, GET /v1/artists/{id}/albums). Only `id` and `name` are required:
 * the 2014 recordings lack `artists`, `release_date`, `release_date_precision`, `total_tracks` and `album_group`,
 * the ~2017 ones lack the release and track fields, and `available_markets` is deprecated, missing when `market`
 * is sent and sometimes `[]` (real-responses README, surprises 2 and 3). A takedown leaves `name` empty.
 */
export const rawSimplifiedAlbumSchema = z.looseObject({
  id: spotifyIdSchema,
  name: z.string(),
  album_type: z.string().nullable().optional(),
  album_group: z.string().nullable().optional(),
  total_tracks: z.number().int().nonnegative().nullable().optional(),
  release_date: z.string().nullable().optional(),
  release_date_precision: z.string().nullable().optional(),
  images: rawImagesSchema,
  artists: z.array(rawSimplifiedArtistSchema).optional(),
  available_markets: z.array(z.string()).optional(),
  external_urls: rawExternalUrlsSchema,
});
export type RawSimplifiedAlbum = z.infer<typeof rawSimplifiedAlbumSchema>;

/** SimplifiedTrackObject inside an album. `is_playable`, `restrictions`, `linked_from` are often absent. */
export const rawSimplifiedTrackSchema = z.looseObject({
  id: spotifyIdSchema,
  name: z.string(),
  track_number: z.number().int().nullable().optional(),
  duration_ms: z.number().int().nullable().optional(),
});
export type RawSimplifiedTrack = z.infer<typeof rawSimplifiedTrackSchema>;

/**
 * AlbumObject (GET /v1/albums/{id}). `label`, `popularity`, `external_ids` and `genres` (always `[]`) are
 * deprecated and expected to disappear for development-mode apps, so they are optional.
 */
export const rawAlbumSchema = rawSimplifiedAlbumSchema.extend({
  label: z.string().nullable().optional(),
  genres: z.array(z.string()).optional(),
  popularity: z.number().nullable().optional(),
  tracks: rawPagingSchema(rawSimplifiedTrackSchema).optional(),
});
export type RawAlbum = z.infer<typeof rawAlbumSchema>;

/** GET /v1/artists/{id}/albums. */
export const rawArtistAlbumsResponseSchema = rawPagingSchema(rawSimplifiedAlbumSchema);
export type RawArtistAlbumsResponse = z.infer<typeof rawArtistAlbumsResponseSchema>;
