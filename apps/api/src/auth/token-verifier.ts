import { createRemoteJWKSet, errors, jwtVerify, type JWTHeaderParameters, type FlattenedJWSInput } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { AuthSettings } from './auth-settings';

/** Who is calling: the Supabase user id (`sub`, a uuid, lower case) and the token's `role` claim. */
export interface AuthenticatedUser {
  id: string;
  role: string | null;
}

/** Checks an access token; rejects with `InvalidTokenError` (→ 401) or `AuthUnavailableError` (→ 503). */
export interface TokenVerifier {
  verify(token: string): Promise<AuthenticatedUser>;
}

/** The token is missing something, malformed, expired, badly signed or not meant for this API. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** The signing keys could not be fetched (JWKS endpoint down, slow or answering garbage). */
export class AuthUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthUnavailableError';
  }
}

const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];
/** How long a verification is reused before the token's signature is checked again (never past its `exp`). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKENS_MAX = 10_000;
const subjectSchema = z.guid();
/** A token without `sub`: nobody to act for. */
const NO_USER = 'The access token does not name a user (it has no "sub" claim)';
/** A `sub` that is not a Supabase user id. */
const NOT_A_USER_ID = 'The access token\'s "sub" claim is not a user id (a UUID)';

/** A message safe to answer for a token jose refused. */
function refusal(error: unknown): InvalidTokenError {
  if (error instanceof InvalidTokenError) return error;
  if (error instanceof errors.JWTExpired) return new InvalidTokenError('The access token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss' || error.claim === 'aud') return new InvalidTokenError('The access token was not issued for this API');
    if (error.claim === 'sub' && error.reason === 'missing') return new InvalidTokenError(NO_USER);
    if (error.reason === 'missing') return new InvalidTokenError(`The access token has no "${error.claim}" claim`);
    return new InvalidTokenError(`The access token's "${error.claim}" claim is not acceptable`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new InvalidTokenError('The access token signature is invalid');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new InvalidTokenError('The access token is signed with an algorithm this API does not accept');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new InvalidTokenError('The access token is signed with an unknown key');
  }
  return new InvalidTokenError('The access token is malformed');
}

/** Token errors that mean the caller's token is at fault; anything else from the JWKS is the key server's fault. */
function isTokenFault(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JOSEAlgNotAllowed
  );
}

/** Builds the verifier for `settings` (jose; the JWKS is fetched lazily, cached 10 min, fetches bounded by 5 s). */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier {
  const secret = settings.secret !== null ? new TextEncoder().encode(settings.secret) : null;
  const jwks =
    settings.jwksUrl !== null
      ? createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 })
      : null;
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ASYMMETRIC_ALGORITHMS : [])];

  const keyFor = async (header: JWTHeaderParameters, token: FlattenedJWSInput) => {
    if (header.alg === 'HS256') {
      if (secret) return secret;
      throw new InvalidTokenError('The access token is signed with an algorithm this API does not accept');
    }
    if (!jwks) throw new InvalidTokenError('The access token is signed with an algorithm this API does not accept');
    try {
      return await jwks(header, token);
    } catch (error) {
      if (isTokenFault(error)) throw error;
      throw new AuthUnavailableError('The signing keys of the auth server could not be fetched', { cause: error });
    }
  };

  // Verified tokens, by their whole text, until they expire and for at most VERIFIED_TOKEN_TTL_MS: a client's next
  // requests skip the signature check (a tenth of a rating PUT's CPU, `pnpm bench:api`).
  // The deadline is checked here against Date.now(), the clock jose checks `exp` with; the LRU only bounds the memory.
  const verified = new LRUCache<string, { user: AuthenticatedUser; until: number }>({ max: VERIFIED_TOKENS_MAX });

  return {
    async verify(token: string): Promise<AuthenticatedUser> {
      const known = verified.get(token);
      if (known && Date.now() < known.until) return known.user;
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keyFor, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: 5,
        }));
      } catch (error) {
        if (error instanceof AuthUnavailableError) throw error;
        throw refusal(error);
      }
      const subject = subjectSchema.safeParse(payload.sub);
      if (!subject.success) throw new InvalidTokenError(NOT_A_USER_ID);
      const user = { id: subject.data.toLowerCase(), role: typeof payload.role === 'string' ? payload.role : null };
      // `exp` is required and checked: remember the answer until then, never past it.
      verified.set(token, { user, until: Math.min(Date.now() + VERIFIED_TOKEN_TTL_MS, (payload.exp as number) * 1000) });
      return user;
    },
  };
}
