import type { RequestHandler, Response } from 'express';
import { ApiError } from '../errors/api-error';
import { AuthUnavailableError, InvalidTokenError, type AuthenticatedUser, type TokenVerifier } from './token-verifier';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The caller, set by `requireUser` on routes that need a signed-in user. */
      user?: AuthenticatedUser;
    }
  }
}

const REALM = 'albumboard';
const BEARER = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)$/i;
const MAX_TOKEN_LENGTH = 8192;

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || header.length > MAX_TOKEN_LENGTH + 7) return null;
  return BEARER.exec(header.trim())?.[1] ?? null;
}

function unauthorized(res: Response, message: string, invalidToken: boolean): ApiError {
  // RFC 6750 §3: a challenge on every 401; `error="invalid_token"` when a token was sent but refused.
  const challenge = invalidToken ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`;
  res.setHeader('WWW-Authenticate', challenge);
  return new ApiError(401, 'unauthorized', message);
}

/**
 * Requires `Authorization: Bearer <Supabase access token>`: verifies it and puts the user in `res.locals.user`.
 * A missing or refused token answers 401 `unauthorized` with `WWW-Authenticate: Bearer`; an unreachable key
 * server answers 503 `auth_unavailable`.
 */
export function requireUser(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (token === null) {
      const sent = req.headers.authorization !== undefined;
      next(unauthorized(res, sent ? 'Authorization must be "Bearer <access token>"' : 'Sign in: send Authorization: Bearer <access token>', sent));
      return;
    }
    try {
      res.locals.user = await verifier.verify(token);
      next();
    } catch (error) {
      if (error instanceof InvalidTokenError) next(unauthorized(res, error.message, true));
      else if (error instanceof AuthUnavailableError) {
        next(new ApiError(503, 'auth_unavailable', 'The auth server is unavailable; try again shortly', { retryAfterS: 5 }));
      } else next(error);
    }
  };
}

/** The signed-in caller of a route behind `requireUser`. */
export function currentUser(res: Response): AuthenticatedUser {
  const user = res.locals.user;
  if (!user) throw new ApiError(401, 'unauthorized', 'Sign in: send Authorization: Bearer <access token>');
  return user;
}
