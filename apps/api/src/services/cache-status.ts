import { SpotifyError } from '@albumboard/spotify-client';
import type { Response } from 'express';
import { ApiError } from '../errors/api-error';
import { apiErrorFromSpotify } from '../errors/spotify-error-mapper';

/** The cache's name in `Cache-Status` (RFC 9211). */
export const CACHE_NAME = 'albumboard';

/**
 * How an answer relates to the cache (search cache or album catalogue):
 * - `hit`: fresh copy, Spotify not asked;
 * - `stale`: past fresh, Spotify asked and refused or failed (`fwdStatus`: the status that failure would have
 *   answered), the stale copy answered instead;
 * - `miss` / `refreshed`: nothing usable (or only a stale copy), Spotify answered; `stored` when the new answer
 *   was written back.
 */
export type CacheOutcome =
  | { kind: 'hit'; ageS: number }
  | { kind: 'stale'; ageS: number; ttlS: number; fwdStatus: number }
  | { kind: 'miss' | 'refreshed'; stored: boolean };

/** A stored copy read back: when it was fetched and whether it is still fresh at `now`. */
export interface StoredCopy<T> {
  value: T;
  fetchedAtMs: number;
  ageS: number;
  /** Seconds of freshness left; negative once stale. */
  ttlS: number;
  fresh: boolean;
  /** Past fresh but inside the stale window: answerable when Spotify cannot be asked. */
  usableStale: boolean;
}

/** Ages a copy fetched at `fetchedAtMs`, fresh for `freshS` and then usable stale for `staleS` more. */
export function storedCopy<T>(value: T, fetchedAtMs: number, nowMs: number, freshS: number, staleS: number): StoredCopy<T> {
  const ageS = Math.max(0, Math.floor((nowMs - fetchedAtMs) / 1000));
  const ttlS = freshS - ageS;
  return { value, fetchedAtMs, ageS, ttlS, fresh: ttlS > 0, usableStale: ttlS <= 0 && ageS < freshS + staleS };
}

/**
 * The status a failed Spotify call would have answered, when a stale copy may be answered instead: Spotify could
 * not be asked or failed (cool-down, rate limit, busy, no worker, queue down, 5xx, timeout). Null for answers about
 * the request itself (404, 400) and for errors that are not about Spotify.
 */
export function staleFallbackStatus(error: unknown): number | null {
  if (error instanceof SpotifyError) {
    if (error.code === 'not_found' || error.code === 'bad_request') return null;
    const status = apiErrorFromSpotify(error)?.status ?? 503;
    return status >= 500 ? status : null;
  }
  if (error instanceof ApiError && error.status >= 500) return error.status;
  return null;
}

/** The `Cache-Status` field value (RFC 9211) for an outcome. */
export function cacheStatusValue(outcome: CacheOutcome): string {
  switch (outcome.kind) {
    case 'hit':
      return `${CACHE_NAME}; hit`;
    case 'stale':
      return `${CACHE_NAME}; fwd=stale; fwd-status=${outcome.fwdStatus}; ttl=${outcome.ttlS}`;
    case 'miss':
      return `${CACHE_NAME}; fwd=miss${outcome.stored ? '; stored' : ''}`;
    case 'refreshed':
      return `${CACHE_NAME}; fwd=stale${outcome.stored ? '; stored' : ''}`;
  }
}

/** Sets `Cache-Status`, and `Age` on answers that came from a stored copy. */
export function setCacheHeaders(res: Response, outcome: CacheOutcome | null): void {
  if (!outcome) return;
  res.setHeader('Cache-Status', cacheStatusValue(outcome));
  if (outcome.kind === 'hit' || outcome.kind === 'stale') res.setHeader('Age', String(outcome.ageS));
}
