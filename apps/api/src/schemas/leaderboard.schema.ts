import { LEADERBOARD_WINDOWS } from '@albumboard/rating-store';
import { z } from 'zod';
import { albumInfoSchema } from './album.schema';
import { MAX_STORED_LIST_OFFSET, pageQueryShape, pageSchema } from './page.schema';

/** The query string of `GET /api/v1/leaderboard`. */
export const leaderboardQuerySchema = z.object({
  window: z
    .enum(LEADERBOARD_WINDOWS, { error: 'must be "all" or "week"' })
    .default('all')
    .meta({ description: '`all` ranks every rating, `week` the ratings changed in the last 7 days (default all)' }),
  ...pageQueryShape(MAX_STORED_LIST_OFFSET),
});
export type LeaderboardQuery = z.output<typeof leaderboardQuerySchema>;

/** The body of a 200 answer of `GET /api/v1/leaderboard`: one page of the current board of a window (`items` the entries). */
export const leaderboardResponseSchema = z.object({
  window: z.enum(LEADERBOARD_WINDOWS),
  boardVersion: z.number().int().meta({ description: '0 until the board was first computed' }),
  computedAt: z.string().nullable().meta({ description: 'When the board was computed; null before the first computation' }),
  ...pageSchema(
    z.object({
      rank: z.number().int(),
      album: albumInfoSchema,
      score: z.number().meta({ description: 'Bayesian average (prior mean 6, weight 5), 4 decimals' }),
      ratingCount: z.number().int(),
      average: z.number().meta({ description: 'Plain mean, 4 decimals' }),
      computedAt: z.string(),
    }),
  ).shape,
});
export type LeaderboardResponse = z.infer<typeof leaderboardResponseSchema>;
