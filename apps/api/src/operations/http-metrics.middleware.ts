import { currentTraceId } from '@albumboard/tracing';
import type { Request, RequestHandler } from 'express';
import { traceExemplar, type ApiMetrics } from './api-metrics';

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

/** Observes every answer in `http_request_duration_seconds{method, route, status_code}`, with its trace id as exemplar. */
export function httpMetrics(metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const traceId = currentTraceId(); // read here, inside the request's span: 'finish' comes outside it
    res.once('finish', () => {
      metrics.httpDuration.observe({
        labels: { method: req.method, route: routeLabel(req), status_code: String(res.statusCode) },
        value: (performance.now() - started) / 1000,
        exemplarLabels: traceExemplar(traceId),
      });
    });
    next();
  };
}
