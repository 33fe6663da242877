/** The error codes the API answers with, in `{ error: { code, message, details? } }`. */
export type ApiErrorCode =
  | 'invalid_request'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'spotify_unavailable'
  | 'spotify_busy'
  | 'spotify_worker_unavailable'
  | 'queue_unavailable'
  | 'worker_timeout'
  | 'upstream_error'
  | 'internal'
  // ratings and leaderboards
  | 'unauthorized'
  | 'forbidden'
  | 'album_not_found'
  | 'database_unavailable'
  | 'auth_unavailable'
  // per-client limits (src/security)
  | 'client_rate_limited';

/** An error the API answers with as-is: status, code, a message safe to show, optional details and Retry-After. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly options: { details?: unknown; retryAfterS?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Seconds to wait before retrying when Redis does not answer. */
export const QUEUE_RETRY_AFTER_S = 5;

export function queueUnavailable(): ApiError {
  return new ApiError(503, 'queue_unavailable', 'The job queue is unavailable; try again shortly', { retryAfterS: QUEUE_RETRY_AFTER_S });
}
