import { describeBackend } from '../../src/config/describe-backend';
import { NO_RATING_STORE_MESSAGE, ratingStoreConfigSchema } from '../../src/config/rating-store-config.schema';

const KEY = 'eyJhbGciOiJIUzI1NiJ9.service-role-secret-value.signature';

function issues(env: Record<string, string>): { path: string; message: string }[] {
  const result = ratingStoreConfigSchema.safeParse(env);
  if (result.success) throw new Error('expected a configuration error');
  return result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('ratingStoreConfigSchema', () => {
  test('Supabase URL + service-role key select the supabase back end', () => {
    expect(ratingStoreConfigSchema.parse({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: KEY })).toEqual({
      backend: 'supabase',
      supabaseUrl: 'https://abc.supabase.co',
      serviceRoleKey: KEY,
    });
  });

  test('DATABASE_URL selects postgres', () => {
    expect(ratingStoreConfigSchema.parse({ DATABASE_URL: 'postgres://u:p@db:5432/app', SUPABASE_URL: '' })).toEqual({
      backend: 'postgres',
      databaseUrl: 'postgres://u:p@db:5432/app',
    });
  });

  test('a URL without key, a key without URL, or Supabase plus DATABASE_URL is refused without echoing the key', () => {
    expect(issues({ SUPABASE_URL: 'https://abc.supabase.co' })).toEqual([
      { path: 'SUPABASE_SERVICE_ROLE_KEY', message: 'SUPABASE_SERVICE_ROLE_KEY is required when SUPABASE_URL is set' },
    ]);
    expect(issues({ SUPABASE_SERVICE_ROLE_KEY: KEY }).map((i) => i.path)).toEqual(['SUPABASE_URL']);
    const both = issues({
      SUPABASE_URL: 'https://abc.supabase.co',
      SUPABASE_SERVICE_ROLE_KEY: KEY,
      DATABASE_URL: 'postgres://db/app',
    });
    expect(both.map((i) => i.path)).toEqual(['DATABASE_URL']);
    const short = issues({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'short' });
    expect(short.map((i) => i.path)).toEqual(['SUPABASE_SERVICE_ROLE_KEY']);
    for (const list of [both, short]) expect(JSON.stringify(list)).not.toContain(KEY.slice(0, 12));
  });

  test('malformed values and an empty environment name the variable', () => {
    expect(issues({ SUPABASE_URL: 'ftp://abc', SUPABASE_SERVICE_ROLE_KEY: KEY }).map((i) => i.path)).toEqual(['SUPABASE_URL']);
    expect(issues({ DATABASE_URL: 'mysql://db/app' }).map((i) => i.path)).toEqual(['DATABASE_URL']);
    // No in-process fallback: nothing configured (or only empty values) is one line saying what to set.
    for (const env of [{}, { DATABASE_URL: ' ', SUPABASE_URL: '' }] as Record<string, string>[]) {
      expect(issues(env)).toEqual([{ path: 'DATABASE_URL', message: NO_RATING_STORE_MESSAGE }]);
    }
    expect(NO_RATING_STORE_MESSAGE).toMatch(/set DATABASE_URL .*`pnpm start` \/ `pnpm dev`/);
  });
});

describe('describeBackend', () => {
  test('never shows the service-role key, a password or a query string', () => {
    expect(describeBackend({ backend: 'supabase', supabaseUrl: 'https://abc.supabase.co/', serviceRoleKey: KEY })).toBe(
      'supabase https://abc.supabase.co',
    );
    expect(describeBackend({ backend: 'postgres', databaseUrl: 'postgres://app:s3cr%40t@db:5432/albums?sslpassword=x' })).toBe(
      'postgres postgres://app:***@db:5432/albums',
    );
  });
});
