import { createHmac } from 'node:crypto';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 access token as Supabase Auth issues them (sub, role authenticated, aud, iss, exp). */
export function signHs256(sub: string, secret: string, issuer: string, audience = 'authenticated'): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role: 'authenticated', aud: audience, iss: issuer, iat: now - 5, exp: now + 3600 })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}
