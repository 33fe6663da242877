import { Router, type RequestHandler } from 'express';
import { queueUnavailable } from '../errors/api-error';
import type { StatusService } from '../operations/status.service';
import { withTimeout } from '@albumboard/redis-connection';
import { STATUS_PATH } from '../operations/operations-paths';

/** `GET /api/v1/status` (admin token): queues, workers, Spotify budget, pause, cool-down, 429s, cache, latency. */
export function statusRoutes(status: StatusService, guard: RequestHandler): Router {
  const router = Router();
  router.get(STATUS_PATH, guard, async (_req, res) => {
    let body;
    try {
      body = await withTimeout(status.status(), 5_000, 'Redis did not answer in time');
    } catch {
      throw queueUnavailable(); // Redis did not answer: every number here lives there
    }
    res.json(body);
  });
  return router;
}
