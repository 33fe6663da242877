import { runWithLogContext } from '@albumboard/observability';
import type { RequestHandler } from 'express';

/**
 * Runs the rest of the request inside a log context carrying its `requestId` (set by the request-id middleware), so
 * every line any component logs while serving it — cache warnings, the worker proxy — can be found by that id.
 */
export function requestLogContext(): RequestHandler {
  return (_req, res, next) => runWithLogContext({ requestId: res.locals.requestId }, () => next());
}
