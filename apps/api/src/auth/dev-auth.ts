import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Development sign-in, used ONLY when neither SUPABASE_URL nor SUPABASE_JWT_SECRET is set (the embedded
 * default). The secret is public — it is in this file — so anyone can mint a dev token: never expose an
 * API running in dev auth mode to untrusted users. The API logs a warning at start when it is on.
 */
export const DEV_JWT_SECRET = 'albumboard-dev-jwt-secret-change-me-0123456789';
export const DEV_JWT_ISSUER = 'albumboard-dev';
export const DEV_JWT_AUDIENCE = 'authenticated';

/** Namespace of the dev user ids (a fixed random UUID): `devUserId(name)` is a UUID v5 of the name in it. */
const DEV_USER_NAMESPACE = '5f0c7a52-3c1e-4d0b-9a57-7d0e2b6c4a19';

/** A dev user's name as `pnpm run -s token <name>` accepts it. */
export const devUserNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 characters of A-Z a-z 0-9 . _ -');

/** A name-based UUID version 5 (SHA-1, RFC 9562 §5.5) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The deterministic user id of a dev user: the UUID v5 of the lower-cased name in albumboard's dev namespace, so
 * `alice` is the same user on every machine and every run.
 */
export function devUserId(name: string): string {
  return uuidV5(name.toLowerCase(), DEV_USER_NAMESPACE);
}
