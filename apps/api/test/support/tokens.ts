import { SignJWT, type JWTPayload } from 'jose';
import { DEV_JWT_AUDIENCE, DEV_JWT_ISSUER, DEV_JWT_SECRET } from '../../src/auth/dev-auth';

export interface SignOptions {
  secret?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. Default 3600. */
  expiresIn?: number;
  /** Claims merged over the defaults (`role: authenticated`). */
  claims?: JWTPayload;
}

/** An HS256 token like Supabase's (defaults: the dev secret, issuer and audience). */
export function signHs256(sub: string | undefined, options: SignOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: 'authenticated', ...options.claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? DEV_JWT_ISSUER)
    .setAudience(options.audience ?? DEV_JWT_AUDIENCE)
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (options.expiresIn ?? 3600));
  if (sub !== undefined) jwt.setSubject(sub);
  return jwt.sign(new TextEncoder().encode(options.secret ?? DEV_JWT_SECRET));
}

/** `Authorization` header value for a token. */
export const bearer = (token: string): string => `Bearer ${token}`;
