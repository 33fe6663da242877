import { SignJWT } from 'jose';
import { DEV_JWT_AUDIENCE, DEV_JWT_ISSUER, DEV_JWT_SECRET, devUserId, devUserNameSchema } from './dev-auth';

export interface DevToken {
  token: string;
  userId: string;
  expiresAt: Date;
}

/**
 * An access token for dev user `name`, shaped like a Supabase user token (`sub`, `role: authenticated`,
 * `aud`, `iss`, `exp`) and signed HS256 with the dev secret. Accepted only by an API in dev auth mode.
 */
export async function mintDevToken(name: string, options: { ttlSeconds?: number; now?: Date } = {}): Promise<DevToken> {
  const userName = devUserNameSchema.parse(name);
  const userId = devUserId(userName);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const expiresAt = issuedAt + (options.ttlSeconds ?? 24 * 3600);
  const token = await new SignJWT({ role: 'authenticated', user_metadata: { name: userName } })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(DEV_JWT_ISSUER)
    .setAudience(DEV_JWT_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(DEV_JWT_SECRET));
  return { token, userId, expiresAt: new Date(expiresAt * 1000) };
}
