import type { ApiConfig } from '../config';
import { DEV_JWT_AUDIENCE, DEV_JWT_ISSUER, DEV_JWT_SECRET } from './dev-auth';

/**
 * How the API checks a caller's access token.
 * - `supabase`: tokens issued by Supabase Auth. Asymmetric ones (RS256/ES256/EdDSA) are checked against the
 *   project's JWKS (`<SUPABASE_URL>/auth/v1/.well-known/jwks.json`) when SUPABASE_URL is set; HS256 ones against
 *   SUPABASE_JWT_SECRET when it is set (older projects).
 * - `dev`: neither is set, so HS256 tokens signed with the public dev secret (`pnpm run -s token <name>`) are accepted.
 */
export interface AuthSettings {
  mode: 'supabase' | 'dev';
  jwksUrl: string | null;
  /** HS256 secret; never logged, never answered. */
  secret: string | null;
  issuer: string;
  audience: string;
}

/** The Auth base of a Supabase project: `<SUPABASE_URL>/auth/v1` (without a trailing slash on the URL). */
export function supabaseAuthBase(supabaseUrl: string): string {
  return `${supabaseUrl.replace(/\/+$/, '')}/auth/v1`;
}

/** Derives the token checks from the parsed config (config.ts already refused impossible combinations). */
export function authSettingsOf(config: ApiConfig): AuthSettings {
  const { SUPABASE_URL: url, SUPABASE_JWT_SECRET: secret } = config;
  if (url === undefined && secret === undefined) {
    return { mode: 'dev', jwksUrl: null, secret: DEV_JWT_SECRET, issuer: DEV_JWT_ISSUER, audience: DEV_JWT_AUDIENCE };
  }
  const issuer = config.SUPABASE_JWT_ISSUER ?? (url !== undefined ? supabaseAuthBase(url) : '');
  return {
    mode: 'supabase',
    jwksUrl: url !== undefined ? `${supabaseAuthBase(url)}/.well-known/jwks.json` : null,
    secret: secret ?? null,
    issuer,
    audience: config.SUPABASE_JWT_AUDIENCE,
  };
}
