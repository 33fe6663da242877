import { Router } from 'express';
import { runReadinessChecks, type ReadinessCheck } from '../operations/readiness.service';
import type { ReadinessResponse } from '../schemas/probes.schema';
import { READINESS_PATH } from '../operations/operations-paths';

/**
 * `GET /readyz`: 200 when Redis answers, the database answers (when the app has one) and at least one worker listens
 * on each queue; 503 `not_ready` naming the failed checks otherwise. Public, like `/healthz`; reveals no secret.
 */
export function readinessRoutes(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get(READINESS_PATH, async (_req, res) => {
    const report = await runReadinessChecks(checks);
    const body: ReadinessResponse = report.ready
      ? { status: 'ready', checks: report.checks }
      : {
          status: 'not_ready',
          checks: report.checks,
          failed: report.checks.filter((c) => !c.ok).map((c) => ({ check: c.check, reason: c.reason ?? 'failed' })),
        };
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.ready ? 200 : 503).json(body);
  });
  return router;
}
