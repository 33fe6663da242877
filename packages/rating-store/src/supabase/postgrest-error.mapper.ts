import { RatingStoreError } from '../rating-store.errors';
import type { RatingStoreErrorCode } from '../rating-store.errors';
import { ERROR_MESSAGES, codeForSqlstate } from '../rpc/sqlstate-error.mapper';

/** The `error` of a supabase-js response (PostgREST error JSON, or a fetch failure with code ''). */
export interface PostgrestErrorLike {
  code?: string;
  message?: string;
}

function codeFor(status: number, code: string): RatingStoreErrorCode {
  if (status === 0) return 'unavailable'; // fetch failed or timed out: no HTTP response at all
  if (code === 'PGRST202') return 'internal'; // function missing: migrations not applied
  if (/^[0-9A-Z]{5}$/.test(code)) return codeForSqlstate(code);
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

/** supabase-js error + HTTP status -> RatingStoreError. The message carries no response text. */
export function mapPostgrestError(operation: string, error: PostgrestErrorLike, status: number): RatingStoreError {
  const code = typeof error.code === 'string' ? error.code : '';
  const storeCode = codeFor(status, code);
  let message = `${operation}: ${ERROR_MESSAGES[storeCode]}`;
  if (code === 'PGRST202') message = `${operation}: function not found on Supabase (apply the migrations)`;
  if (status === 401) message = `${operation}: Supabase refused the credentials (HTTP 401)`;
  const suffix = [code ? `code ${code}` : '', status ? `HTTP ${status}` : 'no response'].filter(Boolean).join(', ');
  return new RatingStoreError(storeCode, `${message} (${suffix})`, {
    operation,
    sqlstate: code || undefined,
    httpStatus: status || undefined,
  });
}
