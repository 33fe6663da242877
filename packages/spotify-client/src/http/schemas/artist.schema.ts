import { spotifyIdSchema } from '@albumboard/queue-contracts';
import { z } from 'zod';
import { rawExternalUrlsSchema, rawImagesSchema } from './image.schema';

/** SimplifiedArtistObject, as found in an album's `artists`. Strict on id and name only. */
export const rawSimplifiedArtistSchema = z.looseObject({
  id: spotifyIdSchema,
  name: z.string(),
  external_urls: rawExternalUrlsSchema,
});
export type RawSimplifiedArtist = z.infer<typeof rawSimplifiedArtistSchema>;

/**
 * ArtistObject (GET /v1/artists/{id}, search type=artist). `followers`, `genres` and `popularity` are deprecated
 * and are missing from 2026 development-mode answers (real-responses README, surprise 1); the 2014 recordings
 * have no `followers`; `followers.href` is always null.
 */
export const rawArtistSchema = z.looseObject({
  id: spotifyIdSchema,
  name: z.string(),
  images: rawImagesSchema,
  external_urls: rawExternalUrlsSchema,
  genres: z.array(z.string()).optional(),
  popularity: z.number().nullable().optional(),
  followers: z.looseObject({ href: z.string().nullable().optional(), total: z.number().nullable().optional() }).nullable().optional(),
});
export type RawArtist = z.infer<typeof rawArtistSchema>;
