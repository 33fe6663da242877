import type { SpotifyCallError, SpotifyErrorCode } from '@albumboard/queue-contracts';

/** Every code a SpotifyError may carry: the contract's codes plus three that only the caller side produces. */
export type SpotifyErrorKind = SpotifyErrorCode | 'worker_timeout' | 'queue_unavailable' | 'worker_unavailable';

export interface SpotifyErrorDetails {
  status?: number;
  retryAfterMs?: number;
  reason?: string;
  cause?: unknown;
}

/**
 * The base of every error the Spotify path throws. `code` says what happened; `status` is Spotify's HTTP status
 * when there was one; `retryAfterMs` and `reason` come with rate limits and cool-downs.
 */
export class SpotifyError extends Error {
  readonly code: SpotifyErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly reason?: string;

  constructor(code: SpotifyErrorKind, message: string, details: SpotifyErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = Math.max(0, Math.ceil(details.retryAfterMs));
    if (details.reason !== undefined) this.reason = details.reason;
  }

  /**
   * The error as it travels in a `spotify.call` result envelope. `worker_timeout`, `queue_unavailable` and
   * `worker_unavailable` never travel (only the caller side produces them); if asked, they become `deadline_exceeded`
   * and `upstream_error`.
   */
  toCallError(): SpotifyCallError {
    const code: SpotifyErrorCode =
      this.code === 'worker_timeout' ? 'deadline_exceeded' : this.code === 'queue_unavailable' || this.code === 'worker_unavailable' ? 'upstream_error' : this.code;
    const out: SpotifyCallError = { code, message: this.message };
    if (this.status !== undefined) out.status = this.status;
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    if (this.reason !== undefined) out.reason = this.reason;
    return out;
  }
}

type Details = SpotifyErrorDetails;

/** Spotify answered 429. Not slept on: the worker decides how to hold the queue. `retryAfterMs` from Retry-After. */
export class SpotifyRateLimitError extends SpotifyError {
  constructor(message: string, details: Details & { retryAfterMs: number }) {
    super('rate_limited', message, { status: 429, ...details });
  }
}

/** Spotify is in a cool-down (daily quota or a long Retry-After): no call until `retryAfterMs` from now. */
export class SpotifyCooldownError extends SpotifyError {
  constructor(message: string, details: Details & { retryAfterMs: number }) {
    super('cooldown', message, details);
  }
}

/** Spotify answered 404. */
export class SpotifyNotFoundError extends SpotifyError {
  constructor(message = 'Spotify resource not found', details: Details = {}) {
    super('not_found', message, { status: 404, ...details });
  }
}

/** Spotify answered 400 (or another 4xx albumboard should not cause), or the call named bad arguments. */
export class SpotifyBadRequestError extends SpotifyError {
  constructor(message: string, details: Details = {}) {
    super('bad_request', message, details);
  }
}

/** The client credentials were refused (token endpoint), or Spotify kept answering 401/403. */
export class SpotifyAuthError extends SpotifyError {
  constructor(message: string, details: Details = {}) {
    super('auth_failed', message, details);
  }
}

/** 5xx after retries, network failures, timeouts, malformed or unexpected bodies. */
export class SpotifyUpstreamError extends SpotifyError {
  constructor(message: string, details: Details = {}) {
    super('upstream_error', message, details);
  }
}

/** The caller's deadline passed before a request (or a retry, or the next page) could start. */
export class SpotifyDeadlineError extends SpotifyError {
  constructor(message = 'Deadline passed before the Spotify call could be made', details: Details = {}) {
    super('deadline_exceeded', message, details);
  }
}

/**
 * The call could not start before its deadline: admission predicted its budget slot past the deadline (nothing was
 * enqueued), or the worker's gate found it so (dropped without a request). `retryAfterMs` is the predicted wait.
 */
export class SpotifyBusyError extends SpotifyError {
  constructor(message: string, details: Details & { retryAfterMs: number }) {
    super('busy', message, details);
  }
}

/** No worker-spotify listens on queue `spotify`: an uncached call fails at once and enqueues nothing. */
export class SpotifyWorkerUnavailableError extends SpotifyError {
  constructor(details: Details & { retryAfterMs: number }) {
    super('worker_unavailable', 'No Spotify worker is running', details);
  }
}

/** The caller waited `timeoutMs` for the spotify worker without a result. */
export class SpotifyWorkerTimeoutError extends SpotifyError {
  constructor(details: Details = {}) {
    super('worker_timeout', 'Spotify worker timed out', details);
  }
}

/** Redis did not answer when enqueueing or reading the cool-down. */
export class SpotifyQueueUnavailableError extends SpotifyError {
  constructor(message = 'Spotify queue unavailable', details: Details = {}) {
    super('queue_unavailable', message, details);
  }
}

/** Rebuilds the typed error from a result envelope's `error` (worker → caller). */
export function spotifyErrorFromCallError(e: SpotifyCallError): SpotifyError {
  const details: Details = {};
  if (e.status !== undefined) details.status = e.status;
  if (e.reason !== undefined) details.reason = e.reason;
  if (e.retryAfterMs !== undefined) details.retryAfterMs = e.retryAfterMs;
  switch (e.code) {
    case 'rate_limited':
      return new SpotifyRateLimitError(e.message, { ...details, retryAfterMs: e.retryAfterMs ?? 1000 });
    case 'cooldown':
      return new SpotifyCooldownError(e.message, { ...details, retryAfterMs: e.retryAfterMs ?? 1000 });
    case 'not_found':
      return new SpotifyNotFoundError(e.message, details);
    case 'bad_request':
      return new SpotifyBadRequestError(e.message, details);
    case 'auth_failed':
      return new SpotifyAuthError(e.message, details);
    case 'deadline_exceeded':
      return new SpotifyDeadlineError(e.message, details);
    case 'busy':
      return new SpotifyBusyError(e.message, { ...details, retryAfterMs: e.retryAfterMs ?? 1000 });
    case 'upstream_error':
      return new SpotifyUpstreamError(e.message, details);
  }
}

export function isSpotifyError(value: unknown): value is SpotifyError {
  return value instanceof SpotifyError;
}
