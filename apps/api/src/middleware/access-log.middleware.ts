import { plainChild, type Logger } from '@albumboard/observability';
import type { RequestHandler, Response } from 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by the error handler on a 5xx: logged (stack included) on the request's access-log line. */
      failure?: Error;
    }
  }
}

const levelOf = (res: Response): 'error' | 'warn' | 'info' => (res.locals.failure || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info');

/**
 * The access log: one line per request, written when the answer has been sent (`request completed`) or the client went
 * away first (`request aborted`), with `requestId` at the top level like every other line the request causes, the
 * method and URL, the status and the duration in ms. 5xx at `error` (with the error), 4xx at `warn`, the rest at
 * `info`. The fields are pino-http's; the line is written by hand because pino-http builds and redacts a child logger
 * for every request whatever the level, a fifth of the api's CPU under a cached-search load (`pnpm bench:api`), and
 * its known fields skip the redaction pass (`plainChild`).
 */
export function accessLog(logger: Logger): RequestHandler {
  const log = logger.child({ component: 'http' });
  // The line's own fields hold no secret: they skip the redaction pass; a line carrying an error keeps it.
  const plain = plainChild(logger, { component: 'http' });
  return (req, res, next) => {
    const started = performance.now();
    const write = (msg: string): void => {
      const level = msg === 'request aborted' ? 'warn' : levelOf(res);
      if (!log.isLevelEnabled(level)) return;
      const line = {
        requestId: res.locals.requestId,
        req: { id: res.locals.requestId, method: req.method, url: req.originalUrl },
        res: { statusCode: res.statusCode },
        responseTime: Math.round((performance.now() - started) * 10) / 10,
        ...(res.locals.failure ? { err: res.locals.failure } : {}),
      };
      (res.locals.failure ? log : plain)[level](line, msg);
    };
    res.once('finish', () => write('request completed'));
    res.once('close', () => {
      if (!res.writableFinished) write('request aborted');
    });
    next();
  };
}
