import { randomBytes } from 'node:crypto';

/** Secret settings with fresh random values, to configure an app and then look for in its logs and answers. */
export interface SecretSettings {
  SPOTIFY_CLIENT_ID: string;
  SPOTIFY_CLIENT_SECRET: string;
  SUPABASE_JWT_SECRET: string;
  SUPABASE_JWT_ISSUER: string;
  ADMIN_TOKEN: string;
  METRICS_TOKEN: string;
}

const random = (label: string) => `${label}-${randomBytes(18).toString('base64url')}`;

export function randomSecrets(): SecretSettings {
  return {
    SPOTIFY_CLIENT_ID: random('client-id'),
    SPOTIFY_CLIENT_SECRET: random('spotify-secret'),
    SUPABASE_JWT_SECRET: random('jwt-secret-that-is-long-enough'),
    SUPABASE_JWT_ISSUER: 'https://auth.albumboard.test/auth/v1',
    ADMIN_TOKEN: random('admin-token'),
    METRICS_TOKEN: random('metrics-token'),
  };
}

/** The values that must never appear in a log line or an answer (the client id and issuer are not secret). */
export function secretValuesOf(settings: Partial<SecretSettings> & { SUPABASE_SERVICE_ROLE_KEY?: string }): string[] {
  return [settings.SPOTIFY_CLIENT_SECRET, settings.SUPABASE_JWT_SECRET, settings.ADMIN_TOKEN, settings.METRICS_TOKEN, settings.SUPABASE_SERVICE_ROLE_KEY]
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** The lines of `lines` that contain one of `secrets` (raw, or base64 as in a Basic header). */
export function linesLeaking(lines: readonly string[], secrets: readonly string[]): string[] {
  const needles = secrets.flatMap((secret) => [secret, Buffer.from(secret).toString('base64')]);
  return lines.filter((line) => needles.some((needle) => line.includes(needle)));
}
