import { SpotifyError } from '@albumboard/spotify-client';
import { ApiError, queueUnavailable } from './api-error';

function retryAfterSeconds(ms: number | undefined): number {
  return Math.max(1, Math.ceil((ms ?? 1000) / 1000));
}

/**
 * Maps an error from a `SpotifyCaller` onto the answer the client sees. Returns null for anything that is
 * not a SpotifyError (the error handler then answers 500). Messages are fixed: nothing from upstream leaks.
 */
export function apiErrorFromSpotify(error: unknown): ApiError | null {
  if (!(error instanceof SpotifyError)) return null;
  switch (error.code) {
    case 'cooldown':
    case 'rate_limited':
      return new ApiError(503, 'spotify_unavailable', 'Spotify is not accepting requests right now; try again later', {
        retryAfterS: retryAfterSeconds(error.retryAfterMs),
      });
    case 'busy':
    case 'deadline_exceeded':
      // Admission or the worker's gate found no budget slot before the deadline: refused without a Spotify request.
      return new ApiError(503, 'spotify_busy', "Spotify's request budget is spent until after this request's deadline; try again later", {
        retryAfterS: retryAfterSeconds(error.retryAfterMs),
      });
    case 'worker_unavailable':
      return new ApiError(503, 'spotify_worker_unavailable', 'No Spotify worker is running; try again shortly', {
        retryAfterS: retryAfterSeconds(error.retryAfterMs),
      });
    case 'queue_unavailable':
      return queueUnavailable();
    case 'worker_timeout':
      // Only a worker that took the call and did not answer in time.
      return new ApiError(504, 'worker_timeout', 'Spotify worker timed out');
    case 'not_found':
      return new ApiError(404, 'not_found', 'Spotify has no such item');
    case 'bad_request':
      // The request passed albumboard's validation, so Spotify refused one of the caller's values (e.g. a market it
      // does not serve): the caller's to fix, not a server error.
      return new ApiError(400, 'invalid_request', "Spotify refused the request's parameters (for example a market it does not serve)");
    default:
      // auth_failed, upstream_error: Spotify or our credentials failed, not the client.
      return new ApiError(502, 'upstream_error', 'Spotify returned an error');
  }
}
