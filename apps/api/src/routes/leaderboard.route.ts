import { Router } from 'express';
import { parseQuery } from '../middleware/validate-request';
import { leaderboardQuerySchema } from '../schemas/leaderboard.schema';
import type { LeaderboardService } from '../services/leaderboard.service';
import { leaderboardView } from '../services/rating-views';

export const LEADERBOARD_PATH = '/api/v1/leaderboard';

/** `GET /api/v1/leaderboard?window=all|week&limit=&offset=`: one page of the current board. */
export function leaderboardRoutes(leaderboards: LeaderboardService): Router {
  const router = Router();
  router.get(LEADERBOARD_PATH, async (req, res) => {
    const { window, limit, offset } = parseQuery(leaderboardQuerySchema, req.query as Record<string, unknown>);
    res.json(leaderboardView(await leaderboards.page(window, { limit, offset })));
  });
  return router;
}
