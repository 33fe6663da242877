import type { RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';
import { credentialOf, tokenMatches } from './token-check';

export interface AdminAuthOptions {
  /** ADMIN_TOKEN; without one every guarded route answers 404, as if it did not exist. */
  token: string | undefined;
  /** The challenge sent with a 401: `basic` makes a browser ask for the token (dashboard), `bearer` suits API clients. */
  challenge: 'basic' | 'bearer';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser re-sends Basic credentials by itself, so a state-changing request authenticated that way must come from a
 * page of this origin (no cross-site request forgery against the dashboard's retry/clean/pause actions).
 */
function isCrossSite(req: Parameters<RequestHandler>[0]): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * Guards the operator routes with ADMIN_TOKEN: `Authorization: Bearer <token>`, or HTTP Basic with the token as the
 * password (any user name) so a browser can open the dashboard. Compared in constant time. No token configured: 404.
 */
export function adminAuth(options: AdminAuthOptions): RequestHandler {
  const challenge = options.challenge === 'basic' ? 'Basic realm="albumboard admin", charset="UTF-8"' : 'Bearer realm="albumboard admin"';
  return (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!options.token) return next(new ApiError(404, 'not_found', 'No such route'));
    const credential = credentialOf(req.headers.authorization);
    if (!credential || !tokenMatches(credential.secret, options.token)) {
      res.setHeader('WWW-Authenticate', challenge);
      return next(new ApiError(401, 'unauthorized', 'The admin token is missing or wrong'));
    }
    if (credential.scheme === 'basic' && !SAFE_METHODS.has(req.method) && isCrossSite(req)) {
      return next(new ApiError(403, 'forbidden', 'Cross-site requests are refused'));
    }
    next();
  };
}

/** Guards `/metrics` with METRICS_TOKEN (Bearer) when one is set; open otherwise. */
export function metricsAuth(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (!token) return next();
    const credential = credentialOf(req.headers.authorization);
    if (credential?.scheme === 'bearer' && tokenMatches(credential.secret, token)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="albumboard metrics"');
    next(new ApiError(401, 'unauthorized', 'The metrics token is missing or wrong'));
  };
}
