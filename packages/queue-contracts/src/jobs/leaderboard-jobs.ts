import { z } from 'zod';

export const leaderboardWindowSchema = z.enum(['all', 'week']);
export type LeaderboardWindow = z.infer<typeof leaderboardWindowSchema>;

/** `leaderboard.recompute`: rebuild one window's board and swap it in atomically. */
export const leaderboardRecomputePayloadSchema = z.strictObject({
  window: leaderboardWindowSchema,
  requestId: z.string().max(128).optional(),
});
export const leaderboardRecomputeResultSchema = z.object({
  window: leaderboardWindowSchema,
  entries: z.number().int().nonnegative(),
  computedAt: z.string(),
});
export type LeaderboardRecomputePayload = z.infer<typeof leaderboardRecomputePayloadSchema>;
