import { Router, type RequestHandler } from 'express';
import type { MetricsExporter } from '../operations/metrics-exporter.service';
import { METRICS_PATH } from '../operations/operations-paths';

/**
 * Whether an Accept header ranks OpenMetrics above Prometheus text (by q; media-type parameters such as `version` or
 * `escaping` do not matter). A wildcard alone, or no header, keeps the text format every scraper reads.
 */
export function prefersOpenMetrics(accept: string | undefined): boolean {
  let open = 0;
  let text = 0;
  for (const entry of (accept ?? '').split(',')) {
    const [type = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (type === 'application/openmetrics-text') open = Math.max(open, q);
    if (type === 'text/plain') text = Math.max(text, q);
  }
  return open > 0 && open >= text;
}

/** `GET /metrics`: Prometheus text, or OpenMetrics with exemplars when asked for (open, or Bearer METRICS_TOKEN when set). */
export function metricsRoutes(exporter: MetricsExporter, guard: RequestHandler): Router {
  const router = Router();
  router.get(METRICS_PATH, guard, async (req, res) => {
    // Prometheus text unless the scraper prefers OpenMetrics (Prometheus does when exemplar storage is on).
    const format = prefersOpenMetrics(req.get('accept')) ? 'openmetrics' : 'prometheus';
    const text = await exporter.render(format);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept');
    res.type(exporter.contentType(format)).send(text);
  });
  return router;
}
