import { Router, type RequestHandler } from 'express';
import type { MetricsExporter } from '../operations/metrics-exporter.service';
import { METRICS_PATH } from '../operations/operations-paths';

/** `GET /metrics`: Prometheus text (open, or Bearer METRICS_TOKEN when set). */
export function metricsRoutes(exporter: MetricsExporter, guard: RequestHandler): Router {
  const router = Router();
  router.get(METRICS_PATH, guard, async (_req, res) => {
    const text = await exporter.render();
    res.setHeader('Cache-Control', 'no-store');
    res.type(exporter.contentType).send(text);
  });
  return router;
}
