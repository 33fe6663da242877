import type { Response } from 'express';

/** Web API error messages the emulator sends (Spotify's own wording where it is known). */
export const SPOTIFY_MESSAGES = {
  unauthorized: 'Missing/invalid/expired access token',
  notFound: 'Resource not found',
  serviceNotFound: 'Service not found',
  invalidId: 'Invalid base62 id',
  invalidLimit: 'Invalid limit',
  invalidOffset: 'Invalid offset',
  invalidMarket: 'Invalid market code',
  noSearchQuery: 'No search query',
  missingType: 'Missing parameter type',
  rateLimited: 'API rate limit exceeded',
  quotaExceeded: 'Too many requests',
  serverError: 'Server error.',
} as const;

export const ENVOY_503_TEXT =
  'upstream connect error or disconnect/reset before headers. reset reason: connection termination';

/** Sends Spotify's Web API error shape `{"error":{"status","message"[,"reason"]}}`. */
export function sendSpotifyError(res: Response, status: number, message: string, reason?: string): void {
  res.status(status).json({ error: reason ? { status, message, reason } : { status, message } });
}
