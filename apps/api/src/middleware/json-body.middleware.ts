import express, { type RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';

/** Largest JSON body the rating routes accept; a larger one is answered 413 `payload_too_large`. */
export const RATING_BODY_LIMIT = '4kb';

/**
 * The JSON parser of the rating routes, mounted before the app-wide one so its smaller limit applies (the
 * app-wide parser skips a body that is already parsed). Malformed JSON → 400 `invalid_request`. Any JSON value is
 * parsed (`strict: false`), so a body such as `9` is refused by the body's schema ("must be a JSON object") like `[9]`,
 * not called malformed.
 */
export function ratingJsonBody(): RequestHandler {
  return express.json({ limit: RATING_BODY_LIMIT, strict: false });
}

/** Refuses a request whose body is not declared `application/json` with 400 `invalid_request`. */
export function requireJsonBody(): RequestHandler {
  return (req, _res, next) => {
    if (req.is('application/json')) next();
    else next(new ApiError(400, 'invalid_request', 'The body must be JSON (Content-Type: application/json)'));
  };
}
