import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `given` equals `expected`, compared in constant time: both are hashed first, so neither the content nor
 * the length of the secret leaks through timing.
 */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The credential of an `Authorization` header: a Bearer token, or the password of HTTP Basic (any user name). */
export function credentialOf(header: string | undefined): { scheme: 'bearer' | 'basic'; secret: string } | undefined {
  if (!header) return undefined;
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer' && value) return { scheme: 'bearer', secret: value };
  if (scheme.toLowerCase() === 'basic' && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) return { scheme: 'basic', secret: decoded.slice(colon + 1) };
  }
  return undefined;
}
