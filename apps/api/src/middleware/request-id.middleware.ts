import { randomUUID } from 'node:crypto';
import { runWithLogContext } from '@albumboard/observability';
import type { RequestHandler } from 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** This request's id: the caller's sane `X-Request-Id`, or a generated UUID. */
      requestId: string;
    }
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's request id when it is a sane token (≤ 128 chars of `[A-Za-z0-9._-]`), else a new UUID. */
export function pickRequestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives every request an id (`res.locals.requestId`), echoes it in `X-Request-Id` and runs the rest
 * of the request inside a log context carrying it, so every line any component logs while serving it — cache warnings,
 * the worker proxy — can be found by that id.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const id = pickRequestId(req.headers['x-request-id']);
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    runWithLogContext({ requestId: id }, () => next());
  };
}
