import type { RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';
import { allowedMethods } from '../routes/route-table';

/**
 * Answers every request no route took. A path some route serves, asked with another method: `405 method_not_allowed`
 * with `Allow` (the methods the routers answer there), or `204` with `Allow` for `OPTIONS`. Any other path: `404
 * not_found`.
 */
export function notFound(): RequestHandler {
  return (req, res, next) => {
    const allowed = allowedMethods(req.app, req.path);
    if (allowed.length === 0) return next(new ApiError(404, 'not_found', 'No such route'));
    res.setHeader('Allow', allowed.join(', '));
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next(new ApiError(405, 'method_not_allowed', `${req.method} is not allowed here; this path answers ${allowed.join(', ')}`));
  };
}
