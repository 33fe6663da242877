import type { Request, RequestHandler } from 'express';
import type { ApiMetrics } from './api-metrics';

/**
 * The route template of a request (`/api/v1/albums/:albumId`, never the raw path, so label values stay few): the
 * matched route, the mount path of a sub-app (`/admin/queues/*`) or `unmatched`.
 */
export function routeLabel(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  if (req.baseUrl) return `${req.baseUrl}/*`;
  return 'unmatched';
}

/** Observes every answer in `http_request_duration_seconds{method, route, status_code}`. */
export function httpMetrics(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      stop({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };
}
