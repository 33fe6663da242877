import type { SpotifyCallError } from '@albumboard/queue-contracts';
import {
  SpotifyAuthError,
  SpotifyBadRequestError,
  SpotifyCooldownError,
  SpotifyDeadlineError,
  SpotifyError,
  SpotifyNotFoundError,
  SpotifyQueueUnavailableError,
  SpotifyRateLimitError,
  SpotifyUpstreamError,
  SpotifyWorkerTimeoutError,
  spotifyErrorFromCallError,
} from '../src/errors';

describe('SpotifyError round trip through the result envelope', () => {
  const cases: [SpotifyCallError, new (...args: never[]) => SpotifyError][] = [
    [{ code: 'rate_limited', message: 'm', status: 429, retryAfterMs: 2000, reason: 'QUOTA_EXCEEDED' }, SpotifyRateLimitError],
    [{ code: 'cooldown', message: 'm', retryAfterMs: 60_000, reason: 'RETRY_AFTER_TOO_LONG' }, SpotifyCooldownError],
    [{ code: 'not_found', message: 'm', status: 404 }, SpotifyNotFoundError],
    [{ code: 'bad_request', message: 'm', status: 400 }, SpotifyBadRequestError],
    [{ code: 'auth_failed', message: 'm', status: 401 }, SpotifyAuthError],
    [{ code: 'upstream_error', message: 'm', status: 503 }, SpotifyUpstreamError],
    [{ code: 'deadline_exceeded', message: 'm' }, SpotifyDeadlineError],
  ];

  it.each(cases)('%o → its class and back', (callError, Class) => {
    const error = spotifyErrorFromCallError(callError);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(SpotifyError);
    expect(error.name).toBe(Class.name);
    expect(error.toCallError()).toEqual(callError);
  });

  it('worker timeout has the exact message and travels as deadline_exceeded; queue_unavailable as upstream_error', () => {
    const timeout = new SpotifyWorkerTimeoutError();
    expect(timeout.message).toBe('Spotify worker timed out');
    expect(timeout.code).toBe('worker_timeout');
    expect(timeout.toCallError().code).toBe('deadline_exceeded');
    expect(new SpotifyQueueUnavailableError().toCallError().code).toBe('upstream_error');
  });

  it('rounds retryAfterMs up to a whole, non-negative number', () => {
    expect(new SpotifyRateLimitError('m', { retryAfterMs: 1.2 }).retryAfterMs).toBe(2);
    expect(new SpotifyCooldownError('m', { retryAfterMs: -5 }).retryAfterMs).toBe(0);
  });
});
