import type { Logger } from '@albumboard/observability';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';

/** Access logging through pino-http: one line per request with its id, status and duration. */
export function httpLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger: logger.child({ component: 'http' }),
    customLogLevel: (_req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
    // `requestId` at the top level, like every other line the request causes (api and workers): grep one key.
    customProps: (req) => ({ requestId: (req as { id?: unknown }).id }),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
