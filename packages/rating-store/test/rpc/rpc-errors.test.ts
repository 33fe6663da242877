import { mapPostgrestError } from '../../src/supabase/postgrest-error.mapper';
import { mapSqlError } from '../../src/rpc/sqlstate-error.mapper';
import { secretRedactor } from '../../src/rpc/secret-redactor';

describe('error mapping', () => {
  test.each([
    ['23503', 'album_not_found'],
    ['42501', 'forbidden'],
    ['22023', 'validation'],
    ['08006', 'unavailable'],
    ['57P01', 'unavailable'],
    ['XX000', 'internal'],
  ])('SQLSTATE %s -> %s, without the database message', (sqlstate, code) => {
    const mapped = mapSqlError('submit_rating', { code: sqlstate, message: 'detail with user data' });
    expect(mapped).toMatchObject({ code, sqlstate, operation: 'submit_rating' });
    expect(mapped.message).not.toContain('user data');
  });

  test('socket errors without SQLSTATE are unavailable', () => {
    expect(mapSqlError('ping', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({
      code: 'unavailable',
      sqlstate: undefined,
    });
  });

  test.each([
    [{ code: '' }, 0, 'unavailable'],
    [{ code: 'PGRST202' }, 404, 'internal'],
    [{ code: 'PGRST301' }, 401, 'forbidden'],
    [{ code: '42501' }, 403, 'forbidden'],
    [{}, 503, 'unavailable'],
    [{ code: '23503' }, 409, 'album_not_found'],
  ])('PostgREST %j with HTTP %i -> %s', (error, status, code) => {
    expect(mapPostgrestError('get_leaderboard', error, status)).toMatchObject({ code });
  });

  test('the redactor removes secrets and their URL-encoded form', () => {
    const redact = secretRedactor(['p@ss/word', 'abcd', 'ab']);
    expect(redact('x p@ss/word y p%40ss%2Fword z abcd')).toBe('x [redacted] y [redacted] z [redacted]');
    // Secrets under 4 characters are ignored: redacting them would shred every message.
    expect(redact('tab')).toBe('tab');
  });
});
