import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, string | number | boolean>;

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** HS256 JWT, as Supabase issues for the anon / service-role keys and for signed-in users. */
export function signJwt(claims: JwtClaims, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

export type JwtCheck = { ok: true; claims: JwtClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Verify an HS256 JWT (signature and `exp`). */
export function verifyJwt(token: string, secret: string): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [head, body, signature] = parts;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let claims: JwtClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
