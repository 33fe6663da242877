import type { RatingStore } from '@albumboard/rating-store';
import { Router } from 'express';
import { parseQuery } from '../middleware/validate-request';
import { leaderboardQuerySchema } from '../schemas/leaderboard.schema';
import { leaderboardView } from '../services/rating-views';

export const LEADERBOARD_PATH = '/api/v1/leaderboard';

/**
 * `GET /api/v1/leaderboard?window=all|week&limit=&offset=`: one page of the current board, read from the store. The
 * boards are computed by worker-leaderboard (`leaderboard.recompute`), never here.
 */
export function leaderboardRoutes(boards: Pick<RatingStore, 'getLeaderboard'>): Router {
  const router = Router();
  router.get(LEADERBOARD_PATH, async (req, res) => {
    const { window, limit, offset } = parseQuery(leaderboardQuerySchema, req.query as Record<string, unknown>);
    res.json(leaderboardView(await boards.getLeaderboard(window, { limit, offset })));
  });
  return router;
}
