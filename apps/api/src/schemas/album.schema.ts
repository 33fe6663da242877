import { spotifyIdSchema } from '@albumboard/queue-contracts';
import { z } from 'zod';

/** The path parameters of `/api/v1/albums/{albumId}…`. */
export const albumParamsSchema = z.object({
  albumId: spotifyIdSchema.meta({ description: 'Spotify album id (22 base62 characters)', example: '4aawyAB9vmqN3uQ7FjRGTy' }),
});

/** A catalogue entry as answered (the fields albumboard keeps of a Spotify album). */
export const albumInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  artists: z.array(z.object({ id: z.string(), name: z.string() })),
  imageUrl: z.string().nullable(),
  releaseDate: z.string().nullable(),
  albumType: z.string().nullable(),
  totalTracks: z.number().int().nullable(),
  spotifyUrl: z.string().nullable(),
});
export type AlbumView = z.infer<typeof albumInfoSchema>;

/** Rating summary of an album over all ratings; `average` and `score` are null before the first rating. */
export const ratingSummarySchema = z.object({
  ratingCount: z.number().int(),
  average: z.number().nullable().meta({ description: 'Plain mean of the scores (4 decimals)' }),
  score: z
    .number()
    .nullable()
    .meta({ description: 'Bayesian average (prior mean 6, weight 5): what the `all` leaderboard ranks by' }),
});

/** The body of a 200 answer of `GET /api/v1/albums/{albumId}`. */
export const albumResponseSchema = z.object({
  album: albumInfoSchema.extend({ refreshedAt: z.string().meta({ description: 'When the entry was last written from Spotify' }) }),
  summary: ratingSummarySchema,
});
export type AlbumResponse = z.infer<typeof albumResponseSchema>;
