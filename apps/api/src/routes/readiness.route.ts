import { Router } from 'express';
import { runReadinessChecks, type ReadinessCheck } from '../operations/readiness.service';
import type { ReadinessResponse } from '../schemas/probes.schema';
import { READINESS_PATH } from '../operations/operations-paths';

/**
 * `GET /readyz`: 200 when Redis answers, the database answers (when the app has one) and at least one worker listens
 * on each queue; 503 `not_ready` naming the failed checks otherwise. 200 `degraded` when only a check that degrades
 * failed (Redis' memory at ≥ 90 % of maxmemory), naming it. Public, like `/healthz`; reveals no secret.
 */
export function readinessRoutes(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get(READINESS_PATH, async (_req, res) => {
    const report = await runReadinessChecks(checks);
    const failed = report.checks.filter((c) => !c.ok).map((c) => ({ check: c.check, reason: c.reason ?? 'failed' }));
    const body: ReadinessResponse = report.ready
      ? { status: report.degraded ? 'degraded' : 'ready', checks: report.checks, ...(report.degraded ? { degraded: failed } : {}) }
      : {
          status: 'not_ready',
          checks: report.checks,
          failed,
        };
    res.setHeader('Cache-Control', 'no-store');
    res.status(report.ready ? 200 : 503).json(body);
  });
  return router;
}
