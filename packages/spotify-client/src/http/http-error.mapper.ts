import { isAxiosError } from 'axios';
import {
  SpotifyAuthError,
  SpotifyBadRequestError,
  SpotifyError,
  SpotifyNotFoundError,
  SpotifyRateLimitError,
  SpotifyUpstreamError,
} from '../errors';
import { rawWebApiErrorSchema } from './schemas';

/** Retry-After when Spotify sends none (or an unreadable one). */
export const DEFAULT_RETRY_AFTER_MS = 1000;
const MAX_HINT = 120;

/** Retry-After (delta seconds, or an HTTP date) in milliseconds; DEFAULT_RETRY_AFTER_MS when missing or unreadable. */
export function parseRetryAfterMs(header: unknown, now = Date.now()): number {
  const text = Array.isArray(header) ? header[0] : header;
  if (typeof text === 'number' && Number.isFinite(text) && text >= 0) return Math.ceil(text * 1000);
  if (typeof text !== 'string' || text.trim() === '') return DEFAULT_RETRY_AFTER_MS;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return DEFAULT_RETRY_AFTER_MS;
}

/** `error.message` and `error.reason` from a Web API error body, if the body is the JSON error shape at all. */
export function readErrorBody(body: unknown): { message?: string; reason?: string } {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return {}; // empty or plain text ("Too many requests", "upstream connect error…")
    }
  }
  const parsed = rawWebApiErrorSchema.safeParse(value);
  if (!parsed.success) return {};
  const out: { message?: string; reason?: string } = {};
  if (parsed.data.error.message) out.message = parsed.data.error.message.slice(0, MAX_HINT);
  if (parsed.data.error.reason) out.reason = parsed.data.error.reason.slice(0, MAX_HINT);
  return out;
}

export interface HttpFailure {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

/** The typed error for a Web API answer with a non-2xx status. */
export function errorFromResponse(failure: HttpFailure, endpoint: string): SpotifyError {
  const { status } = failure;
  const { message, reason } = readErrorBody(failure.body);
  const text = `Spotify answered ${status} on ${endpoint}${message ? `: ${message}` : ''}`;
  const details = { status, ...(reason ? { reason } : {}) };
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(failure.headers['retry-after']);
    return new SpotifyRateLimitError(text, { ...details, retryAfterMs });
  }
  if (status === 404) return new SpotifyNotFoundError(text, details);
  if (status === 401 || status === 403) return new SpotifyAuthError(text, details);
  if (status >= 400 && status < 500) return new SpotifyBadRequestError(text, details);
  return new SpotifyUpstreamError(text, details);
}

/** Maps whatever a request threw onto a SpotifyError (SpotifyErrors pass through unchanged). */
export function errorFromRequestFailure(error: unknown, endpoint: string): SpotifyError {
  if (error instanceof SpotifyError) return error;
  if (isAxiosError(error)) {
    if (error.response) {
      return errorFromResponse(
        { status: error.response.status, headers: error.response.headers as Record<string, unknown>, body: error.response.data },
        endpoint,
      );
    }
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
      return new SpotifyUpstreamError(`Spotify request timed out on ${endpoint}`);
    }
    // No `cause`: an AxiosError carries the request config, Authorization header included.
    return new SpotifyUpstreamError(`Spotify request failed on ${endpoint} (${error.code ?? 'network error'})`);
  }
  return new SpotifyUpstreamError(`Spotify request failed on ${endpoint}`, { cause: error });
}
