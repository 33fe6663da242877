import { SpotifyBadRequestError, SpotifyCooldownError, SpotifyNotFoundError, SpotifyUpstreamError, SpotifyWorkerTimeoutError } from '@albumboard/spotify-client';
import { ApiError } from '../../src/errors/api-error';
import { cacheStatusValue, staleFallbackStatus, storedCopy } from '../../src/services/cache-status';

describe('Cache-Status (RFC 9211)', () => {
  it('names the cache and says hit, stale after a failed forward, or a forwarded miss', () => {
    expect(cacheStatusValue({ kind: 'hit', ageS: 5 })).toBe('albumboard; hit');
    expect(cacheStatusValue({ kind: 'stale', ageS: 4000, ttlS: -400, fwdStatus: 503 })).toBe('albumboard; fwd=stale; fwd-status=503; ttl=-400');
    expect(cacheStatusValue({ kind: 'miss', stored: true })).toBe('albumboard; fwd=miss; stored');
    expect(cacheStatusValue({ kind: 'miss', stored: false })).toBe('albumboard; fwd=miss');
    expect(cacheStatusValue({ kind: 'refreshed', stored: true })).toBe('albumboard; fwd=stale; stored');
  });

  it('answers stale for failures of Spotify or of the path to it, never for answers about the request', () => {
    expect(staleFallbackStatus(new SpotifyCooldownError('quota', { retryAfterMs: 1000 }))).toBe(503);
    expect(staleFallbackStatus(new SpotifyWorkerTimeoutError())).toBe(504);
    expect(staleFallbackStatus(new SpotifyUpstreamError('500'))).toBe(502);
    expect(staleFallbackStatus(new ApiError(503, 'queue_unavailable', 'down'))).toBe(503);
    expect(staleFallbackStatus(new SpotifyNotFoundError())).toBeNull();
    expect(staleFallbackStatus(new SpotifyBadRequestError('market'))).toBeNull();
    expect(staleFallbackStatus(new Error('bug'))).toBeNull();
  });

  it('ages a copy: fresh before its TTL, usable stale inside the stale window, neither after', () => {
    expect(storedCopy('x', 0, 59_999, 60, 10)).toMatchObject({ ageS: 59, ttlS: 1, fresh: true, usableStale: false });
    expect(storedCopy('x', 0, 60_000, 60, 10)).toMatchObject({ ageS: 60, ttlS: 0, fresh: false, usableStale: true });
    expect(storedCopy('x', 0, 70_000, 60, 10)).toMatchObject({ fresh: false, usableStale: false });
    expect(storedCopy('x', 0, 60_000, 60, 0)).toMatchObject({ fresh: false, usableStale: false });
  });
});
