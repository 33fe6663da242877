import type { RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';

/** Answers every request no route matched with a 404 `not_found` JSON error. */
export function notFound(): RequestHandler {
  return (_req, _res, next) => next(new ApiError(404, 'not_found', 'No such route'));
}
