import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { readRealResponseText } from '../../src/test-support/real-responses';
import {
  SpotifyAuthError,
  SpotifyBadRequestError,
  SpotifyNotFoundError,
  SpotifyRateLimitError,
  SpotifyUpstreamError,
} from '../../src/errors';
import { DEFAULT_RETRY_AFTER_MS, errorFromRequestFailure, errorFromResponse, parseRetryAfterMs } from '../../src/http/http-error.mapper';

const E = 'GET /v1/search';

describe('parseRetryAfterMs', () => {
  it('reads delta seconds, HTTP dates, and falls back to 1 s', () => {
    expect(parseRetryAfterMs('52531')).toBe(52_531_000);
    expect(parseRetryAfterMs(' 2 ')).toBe(2000);
    expect(parseRetryAfterMs('0')).toBe(0);
    expect(parseRetryAfterMs(['3'])).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs(undefined)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(parseRetryAfterMs('soon')).toBe(DEFAULT_RETRY_AFTER_MS);
  });
});

describe('errorFromResponse', () => {
  it('429 QUOTA_EXCEEDED (real body) → SpotifyRateLimitError with reason and Retry-After', () => {
    const error = errorFromResponse(
      { status: 429, headers: { 'retry-after': '52531' }, body: readRealResponseText('error-429.quota-exceeded.2026.json') },
      E,
    );
    expect(error).toBeInstanceOf(SpotifyRateLimitError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 52_531_000, reason: 'QUOTA_EXCEEDED' });
    expect(error.toCallError()).toEqual({
      code: 'rate_limited',
      message: error.message,
      status: 429,
      retryAfterMs: 52_531_000,
      reason: 'QUOTA_EXCEEDED',
    });
  });

  it.each([
    ['plain text', 'Too many requests'],
    ['empty', ''],
    ['{}', '{}'],
    ['rate-limit JSON without reason', readRealResponseText('error-429.rate-limit.json')],
  ])('429 with a %s body → SpotifyRateLimitError without reason', (_label, body) => {
    const error = errorFromResponse({ status: 429, headers: { 'retry-after': '19' }, body }, E);
    expect(error).toBeInstanceOf(SpotifyRateLimitError);
    expect(error.retryAfterMs).toBe(19_000);
    expect(error.reason).toBeUndefined();
  });

  it('429 without Retry-After → 1000 ms', () => {
    expect(errorFromResponse({ status: 429, headers: {}, body: '' }, E).retryAfterMs).toBe(1000);
  });

  it('maps 404, 400, 401/403 and 5xx; 5xx bodies may be empty or plain text', () => {
    expect(errorFromResponse({ status: 404, headers: {}, body: readRealResponseText('error-404.non-existing-id.json') }, E)).toBeInstanceOf(
      SpotifyNotFoundError,
    );
    expect(errorFromResponse({ status: 400, headers: {}, body: '{"error":{"status":400,"message":"Invalid limit"}}' }, E)).toBeInstanceOf(
      SpotifyBadRequestError,
    );
    expect(errorFromResponse({ status: 401, headers: {}, body: readRealResponseText('error-401.missing-invalid-expired.2026.json') }, E)).toBeInstanceOf(
      SpotifyAuthError,
    );
    const bad = errorFromResponse({ status: 502, headers: {}, body: '' }, E);
    expect(bad).toBeInstanceOf(SpotifyUpstreamError);
    expect(bad.status).toBe(502);
    const text = errorFromResponse({ status: 503, headers: {}, body: 'upstream connect error or disconnect/reset before headers' }, E);
    expect(text).toMatchObject({ code: 'upstream_error', status: 503 });
    expect(text.message).not.toContain('upstream connect');
    const json = errorFromResponse({ status: 502, headers: {}, body: readRealResponseText('error-502.bad-gateway.json') }, E);
    expect(json.message).toBe('Spotify answered 502 on GET /v1/search: Bad gateway.');
  });
});

describe('errorFromRequestFailure', () => {
  it('network errors and timeouts → SpotifyUpstreamError without the request config (no token in the cause)', () => {
    const config = { headers: new AxiosHeaders({ Authorization: 'Bearer secret-token' }) } as InternalAxiosRequestConfig;
    const network = errorFromRequestFailure(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', config), E);
    expect(network).toBeInstanceOf(SpotifyUpstreamError);
    expect(network.message).toBe('Spotify request failed on GET /v1/search (ECONNREFUSED)');
    expect(network.cause).toBeUndefined();
    const timeout = errorFromRequestFailure(new AxiosError('timeout of 5ms exceeded', 'ECONNABORTED', config), E);
    expect(timeout.message).toBe('Spotify request timed out on GET /v1/search');
    expect(JSON.stringify(timeout)).not.toContain('secret-token');
  });
});
