import type { SpotifyRateLimitError } from '@albumboard/spotify-client';

/** Why Spotify calls are suspended (stored in the cool-down record). */
export type CooldownReason = 'QUOTA_EXCEEDED' | 'RETRY_AFTER_TOO_LONG';

export type RateLimitDecision = { action: 'hold-queue'; ms: number } | { action: 'cooldown'; ms: number; reason: CooldownReason };

/**
 * What a 429 means for the deployment: a short Retry-After holds the whole queue (every process) for that long;
 * the development-mode daily quota, or a Retry-After above SPOTIFY_MAX_RETRY_AFTER_S, starts a cool-down during
 * which jobs complete at once with `cooldown` and nothing is sent upstream.
 */
export function decideOnRateLimit(error: SpotifyRateLimitError, maxRetryAfterMs: number): RateLimitDecision {
  const ms = error.retryAfterMs ?? 1000;
  if (error.reason === 'QUOTA_EXCEEDED') return { action: 'cooldown', ms, reason: 'QUOTA_EXCEEDED' };
  if (ms > maxRetryAfterMs) return { action: 'cooldown', ms, reason: 'RETRY_AFTER_TOO_LONG' };
  return { action: 'hold-queue', ms };
}
