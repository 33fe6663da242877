import { Router } from 'express';
import type { HealthResponse } from '../schemas/probes.schema';

export const HEALTH_PATH = '/healthz';

/** `GET /healthz`: liveness only. It checks no dependency, so a Redis outage does not restart the API. */
export function healthRoutes(): Router {
  const router = Router();
  router.get(HEALTH_PATH, (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });
  return router;
}
