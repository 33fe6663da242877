import { RatingStoreError } from '../rating-store.errors';
import type { RatingStoreErrorCode } from '../rating-store.errors';

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Store error code for a SQLSTATE (or PostgREST code) returned by one of the functions. */
export function codeForSqlstate(sqlstate: string): RatingStoreErrorCode {
  if (sqlstate === '23503') return 'album_not_found';
  if (sqlstate === '42501') return 'forbidden';
  if (sqlstate.startsWith('22') || sqlstate === '23514' || sqlstate === '23502') return 'validation';
  if (sqlstate.startsWith('08') || sqlstate.startsWith('53') || sqlstate.startsWith('57P')) return 'unavailable';
  return 'internal';
}

const MESSAGES: Record<RatingStoreErrorCode, string> = {
  validation: 'the database rejected the input',
  album_not_found: 'the album is not in the catalogue',
  forbidden: 'not allowed for this caller',
  unavailable: 'the rating database is unavailable',
  internal: 'the rating database call failed',
};

/** Error from node-postgres -> RatingStoreError (message without database internals). */
export function mapSqlError(operation: string, error: unknown): RatingStoreError {
  if (error instanceof RatingStoreError) return error;
  const rawCode = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const code = typeof rawCode === 'string' ? rawCode : '';
  if (SQLSTATE.test(code)) {
    const storeCode = codeForSqlstate(code);
    return new RatingStoreError(storeCode, `${operation}: ${MESSAGES[storeCode]} (SQLSTATE ${code})`, {
      operation,
      sqlstate: code,
    });
  }
  // No SQLSTATE: socket errors (ECONNREFUSED, ...), pool timeouts, closed instances.
  return new RatingStoreError('unavailable', `${operation}: ${MESSAGES.unavailable}${code ? ` (${code})` : ''}`, {
    operation,
  });
}

export { MESSAGES as ERROR_MESSAGES };
