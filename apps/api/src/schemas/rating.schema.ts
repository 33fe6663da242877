import { z } from 'zod';
import { albumInfoSchema } from './album.schema';
import { MAX_STORED_LIST_OFFSET, pageQueryShape, pageSchema } from './page.schema';

const SCORE = 'must be a whole number from 1 to 10';

/**
 * The body of `PUT /api/v1/albums/{albumId}/rating`: a JSON object with `score` alone. Only a JSON integer 1–10 is a
 * score (not "7", not 7.5).
 */
export const ratingBodySchema = z.strictObject(
  {
    score: z
      .number({ error: (issue) => (issue.input === undefined ? 'is required' : SCORE) })
      .int(SCORE)
      .min(1, SCORE)
      .max(10, SCORE)
      .meta({ description: 'Your score, a whole number from 1 to 10' }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `may hold only "score", not ${issue.keys.map((key) => `"${key}"`).join(', ')}` : 'must be a JSON object, e.g. {"score": 7}',
  },
);
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

/** The query string of `GET /api/v1/me/ratings`. */
export const userRatingsQuerySchema = z.object(pageQueryShape(MAX_STORED_LIST_OFFSET));

/** The body of a 200 answer of `GET /api/v1/me/ratings`: your ratings, most recently changed first. */
export const userRatingsResponseSchema = pageSchema(
  ratingResponseSchema.omit({ userId: true }).extend({ album: albumInfoSchema.pick({ id: true, name: true, artists: true, imageUrl: true }) }),
);
export type UserRatingsResponse = z.infer<typeof userRatingsResponseSchema>;
