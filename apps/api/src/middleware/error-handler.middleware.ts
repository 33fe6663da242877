import type { ErrorRequestHandler } from 'express';
import { ApiError } from '../errors/api-error';
import { apiErrorFromRatingStore } from '../errors/rating-store-error-mapper';
import { apiErrorFromSpotify } from '../errors/spotify-error-mapper';
import type { ErrorResponse } from '../schemas/error.schema';

/** Errors raised by express and body-parser carry an HTTP status and `expose: true` when safe to answer. */
function httpErrorOf(error: unknown): ApiError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type, limit } = error as { status?: unknown; type?: unknown; limit?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (type === 'entity.parse.failed') return new ApiError(400, 'invalid_request', 'The body is not valid JSON');
  if (status === 413) {
    // body-parser names the limit it applied, in bytes (4 KB on the rating routes).
    const most = typeof limit === 'number' ? ` (at most ${Math.round(limit / 1024)} KB)` : '';
    return new ApiError(413, 'payload_too_large', `The request body is too large${most}`);
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new ApiError(415, 'unsupported_media_type', 'The body must be JSON in UTF-8, UTF-16 or UTF-32, without a content encoding');
  }
  if (status === 404) return new ApiError(404, 'not_found', 'No such route');
  return new ApiError(status, 'invalid_request', 'Invalid request');
}

/** Turns any error into `{ error: { code, message, details? } }`; unexpected ones become a logged 500. */
export function errorHandler(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const apiError =
      (error instanceof ApiError ? error : (apiErrorFromSpotify(error) ?? apiErrorFromRatingStore(error) ?? httpErrorOf(error))) ??
      new ApiError(500, 'internal', 'Internal server error');
    // The access log writes 5xx answers with the error (its stack included) on the request's single line.
    if (apiError.status >= 500 && error instanceof Error) res.locals.failure = error;
    const body: ErrorResponse = { error: { code: apiError.code, message: apiError.message } };
    if (apiError.options.details !== undefined) body.error.details = apiError.options.details;
    if (apiError.options.retryAfterS !== undefined) res.setHeader('Retry-After', String(apiError.options.retryAfterS));
    res.status(apiError.status).json(body);
  };
}
