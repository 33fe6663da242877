import { ConfigError } from '@albumboard/env-config';
import { loadConfig } from '../../src/config';
import { authSettingsOf } from '../../src/auth/auth-settings';
import { DEV_JWT_SECRET } from '../../src/auth/dev-auth';

const KEY = 'service-role-key-that-must-never-be-echoed';
const SECRET = 'a-legacy-supabase-jwt-secret-of-40-chars!';

function configError(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('auth settings from the config', () => {
  it('uses the public dev secret only when neither SUPABASE_URL nor SUPABASE_JWT_SECRET is set', () => {
    expect(authSettingsOf(loadConfig({ DATABASE_URL: 'postgres://db/app' }))).toEqual({
      mode: 'dev',
      jwksUrl: null,
      secret: DEV_JWT_SECRET,
      issuer: 'albumboard-dev',
      audience: 'authenticated',
    });
  });

  it('checks Supabase tokens against the project JWKS, issuer <SUPABASE_URL>/auth/v1', () => {
    const config = loadConfig({ SUPABASE_URL: 'https://abc.supabase.co/', SUPABASE_SERVICE_ROLE_KEY: KEY });
    expect(authSettingsOf(config)).toEqual({
      mode: 'supabase',
      jwksUrl: 'https://abc.supabase.co/auth/v1/.well-known/jwks.json',
      secret: null,
      issuer: 'https://abc.supabase.co/auth/v1',
      audience: 'authenticated',
    });
  });

  it('adds the HS256 secret of older projects, and lets issuer and audience be overridden', () => {
    const config = loadConfig({
      SUPABASE_URL: 'https://abc.supabase.co',
      SUPABASE_SERVICE_ROLE_KEY: KEY,
      SUPABASE_JWT_SECRET: SECRET,
      SUPABASE_JWT_ISSUER: 'https://auth.example.com',
      SUPABASE_JWT_AUDIENCE: 'albumboard',
    });
    expect(authSettingsOf(config)).toMatchObject({ mode: 'supabase', secret: SECRET, issuer: 'https://auth.example.com', audience: 'albumboard' });
    const secretOnly = loadConfig({ SUPABASE_JWT_SECRET: SECRET, SUPABASE_JWT_ISSUER: 'https://abc.supabase.co/auth/v1', DATABASE_URL: 'postgres://db/app' });
    expect(authSettingsOf(secretOnly)).toMatchObject({ mode: 'supabase', jwksUrl: null, secret: SECRET });
  });

  it('opens no database of its own: without DATABASE_URL or SUPABASE_URL it says, in one line, what to set', () => {
    expect(configError({})).toMatch(/^Invalid setting DATABASE_URL: no ratings database configured: set DATABASE_URL .*`pnpm start` \/ `pnpm dev`/);
    expect(configError({})).not.toContain('\n');
  });

  it.each([
    [{ SUPABASE_URL: 'https://abc.supabase.co' }, /^Invalid setting SUPABASE_SERVICE_ROLE_KEY: is required when SUPABASE_URL is set$/],
    [{ SUPABASE_SERVICE_ROLE_KEY: KEY }, /^Invalid setting SUPABASE_URL: is required when SUPABASE_SERVICE_ROLE_KEY is set$/],
    [{ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: KEY, DATABASE_URL: 'postgres://db/app' }, /^Invalid setting DATABASE_URL: /],
    [{ DATABASE_URL: 'mysql://db/app' }, /^Invalid setting DATABASE_URL: must be a postgres:\/\/ URL$/],
    [{ SUPABASE_URL: 'ftp://abc', SUPABASE_SERVICE_ROLE_KEY: KEY }, /^Invalid setting SUPABASE_URL: /],
    [{ SUPABASE_JWT_SECRET: 'short', SUPABASE_JWT_ISSUER: 'https://abc.supabase.co/auth/v1', DATABASE_URL: 'postgres://db/app' }, /^Invalid setting SUPABASE_JWT_SECRET: must be at least 32 characters$/],
    [{ SUPABASE_JWT_SECRET: SECRET, DATABASE_URL: 'postgres://db/app' }, /^Invalid setting SUPABASE_JWT_ISSUER: is required when SUPABASE_JWT_SECRET is set without SUPABASE_URL$/],
  ])('refuses %j with one line naming the setting, never echoing a secret', (env, line) => {
    const message = configError(env);
    expect(message).toMatch(line);
    expect(message).not.toContain(KEY);
    expect(message).not.toContain(SECRET);
  });
});
