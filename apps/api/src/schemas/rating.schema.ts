import { z } from 'zod';
import { albumInfoSchema } from './album.schema';
import { integerParam } from './query-params';

/** The body of `PUT /api/v1/albums/{albumId}/rating`. Only a JSON integer 1–10 is a score (not "7", not 7.5). */
export const ratingBodySchema = z.strictObject({
  score: z
    .number({ error: 'must be a whole number from 1 to 10' })
    .int('must be a whole number from 1 to 10')
    .min(1, 'must be at least 1')
    .max(10, 'must be at most 10')
    .meta({ description: 'Your score, a whole number from 1 to 10' }),
});
export type RatingBody = z.output<typeof ratingBodySchema>;

/** The body of a 200 answer of `PUT /api/v1/albums/{albumId}/rating`. */
export const ratingResponseSchema = z.object({
  albumId: z.string(),
  userId: z.string().meta({ description: "Your user id (the access token's sub)" }),
  score: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string().meta({ description: 'Moves only when the score changes' }),
});
export type RatingResponse = z.infer<typeof ratingResponseSchema>;

/** `limit` and `offset` of the paged lists (ratings and leaderboards). */
export const pageQueryShape = {
  limit: integerParam(1, 100, 20).meta({ description: 'Items per page (1–100, default 20)' }),
  offset: integerParam(0, 10_000, 0).meta({ description: 'Index of the first item (0–10000, default 0)' }),
};

/** The query string of `GET /api/v1/me/ratings`. */
export const userRatingsQuerySchema = z.object(pageQueryShape);

/** The body of a 200 answer of `GET /api/v1/me/ratings`: your ratings, most recently changed first. */
export const userRatingsResponseSchema = z.object({
  items: z.array(
    ratingResponseSchema.omit({ userId: true }).extend({ album: albumInfoSchema.pick({ id: true, name: true, artists: true, imageUrl: true }) }),
  ),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type UserRatingsResponse = z.infer<typeof userRatingsResponseSchema>;
