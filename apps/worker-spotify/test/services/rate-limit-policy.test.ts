import { SpotifyRateLimitError } from '@albumboard/spotify-client';
import { decideOnRateLimit } from '../../src/services/rate-limit-policy';

const limit = (retryAfterMs: number, reason?: string) => new SpotifyRateLimitError('429', { retryAfterMs, ...(reason ? { reason } : {}) });

describe('decideOnRateLimit', () => {
  it('holds the queue for a short Retry-After', () => {
    expect(decideOnRateLimit(limit(3000), 60_000)).toEqual({ action: 'hold-queue', ms: 3000 });
    expect(decideOnRateLimit(limit(60_000), 60_000)).toEqual({ action: 'hold-queue', ms: 60_000 });
  });

  it('starts a cool-down for a Retry-After above the maximum', () => {
    expect(decideOnRateLimit(limit(61_000), 60_000)).toEqual({ action: 'cooldown', ms: 61_000, reason: 'RETRY_AFTER_TOO_LONG' });
  });

  it('starts a cool-down for the daily quota, whatever the Retry-After', () => {
    expect(decideOnRateLimit(limit(2000, 'QUOTA_EXCEEDED'), 60_000)).toEqual({ action: 'cooldown', ms: 2000, reason: 'QUOTA_EXCEEDED' });
  });
});
