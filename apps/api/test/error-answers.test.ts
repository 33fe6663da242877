import {
  SpotifyAuthError,
  SpotifyBadRequestError,
  SpotifyBusyError,
  SpotifyCooldownError,
  SpotifyDeadlineError,
  SpotifyNotFoundError,
  SpotifyQueueUnavailableError,
  SpotifyRateLimitError,
  SpotifyUpstreamError,
  SpotifyWorkerTimeoutError,
  SpotifyWorkerUnavailableError,
  type SpotifyError,
} from '@albumboard/spotify-client';
import { Writable } from 'node:stream';
import { createLogger } from '@albumboard/observability';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import { deletePrefix } from '@albumboard/test-support';
import { apiRedis, logger, recordingCaller, testConfig } from './support/test-env';

describe('error answers', () => {
  const config = testConfig({ SEARCH_CACHE_TTL_S: '0' });
  let redis: Redis;

  beforeAll(async () => {
    redis = apiRedis();
    await redis.connect();
  });

  afterAll(async () => {
    await deletePrefix(redis, config.QUEUE_PREFIX);
    await redis.quit();
  });

  function appThrowing(error: Error) {
    const spotify = recordingCaller(() => {
      throw error;
    });
    return { app: createApp({ config, redis, spotify, logger }), spotify };
  }

  it.each<[string, SpotifyError, number, string, string | undefined]>([
    ['cool-down', new SpotifyCooldownError('quota', { retryAfterMs: 61_500, reason: 'QUOTA_EXCEEDED' }), 503, 'spotify_unavailable', '62'],
    ['short rate limit', new SpotifyRateLimitError('429', { retryAfterMs: 200 }), 503, 'spotify_unavailable', '1'],
    ['queue unavailable', new SpotifyQueueUnavailableError(), 503, 'queue_unavailable', '5'],
    ['worker timeout', new SpotifyWorkerTimeoutError(), 504, 'worker_timeout', undefined],
    ['deadline passed in the worker', new SpotifyDeadlineError(), 503, 'spotify_busy', '1'],
    ['busy (admission or the worker gate)', new SpotifyBusyError('busy', { retryAfterMs: 12_300 }), 503, 'spotify_busy', '13'],
    ['no worker listening', new SpotifyWorkerUnavailableError({ retryAfterMs: 5_000 }), 503, 'spotify_worker_unavailable', '5'],
    ['not found', new SpotifyNotFoundError('secret upstream text'), 404, 'not_found', undefined],
    ['upstream failure', new SpotifyUpstreamError('ECONNRESET 10.0.0.7'), 502, 'upstream_error', undefined],
    ['refused credentials', new SpotifyAuthError('invalid_client'), 502, 'upstream_error', undefined],
    ['spotify bad request', new SpotifyBadRequestError('bad'), 400, 'invalid_request', undefined],
  ])('%s → %i %s', async (_name, error, status, code, retryAfter) => {
    const { app } = appThrowing(error);
    const res = await request(app).get('/api/v1/search?query=abba').expect(status);
    expect(res.body.error.code).toBe(code);
    expect(res.headers['retry-after']).toBe(retryAfter);
    if (code === 'worker_timeout') expect(res.body.error.message).toBe('Spotify worker timed out');
    expect(JSON.stringify(res.body)).not.toMatch(/secret upstream|ECONNRESET|invalid_client|quota|stack/);
  });

  it('answers an unexpected error with a generic 500 and no internals', async () => {
    const { app } = appThrowing(new TypeError("Cannot read properties of undefined (reading 'x')"));
    const res = await request(app).get('/api/v1/search?query=abba').expect(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
  });

  it('logs an unexpected error with its stack on the request log line, never in the answer', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const spotify = recordingCaller(() => {
      throw new Error('db password=hunter2 leaked?');
    });
    const app = createApp({ config, redis, spotify, logger: createLogger({ name: 'api-test', destination }) });
    const res = await request(app).get('/api/v1/search?query=abba').set('X-Request-Id', 'log-check').expect(500);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    const line = lines.map((l) => JSON.parse(l) as { level: number; req?: { id?: string }; err?: { message: string; stack: string } })
      .find((entry) => entry.req?.id === 'log-check');
    expect(line).toMatchObject({ level: 50, err: { message: 'db password=hunter2 leaked?' } });
    expect(line?.err?.stack).toMatch(/error-answers\.test\.ts/);
  });

  it('answers an unknown route with a 404 not_found JSON error', async () => {
    const { app, spotify } = appThrowing(new Error('unused'));
    const res = await request(app).get('/api/v1/nothing-here').expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such route' } });
    await request(app).post('/api/v1/nothing-here').expect(404);
    expect(spotify.calls).toHaveLength(0);
  });

  it('answers a malformed JSON body with 400', async () => {
    const { app } = appThrowing(new Error('unused'));
    const res = await request(app).post('/api/v1/search').set('Content-Type', 'application/json').send('{"query": ').expect(400);
    expect(res.body).toEqual({ error: { code: 'invalid_request', message: 'The body is not valid JSON' } });
  });

  it('echoes a sane X-Request-Id, replaces an insane one, and passes it to the Spotify call', async () => {
    const { app, spotify } = appThrowing(new SpotifyNotFoundError());
    const sane = await request(app).get('/api/v1/search?query=abba').set('X-Request-Id', 'req-42.a_b').expect(404);
    expect(sane.headers['x-request-id']).toBe('req-42.a_b');
    expect(spotify.calls[0]?.requestId).toBe('req-42.a_b');

    const insane = await request(app).get('/healthz').set('X-Request-Id', 'no spaces/allowed').expect(200);
    expect(insane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const tooLong = await request(app).get('/healthz').set('X-Request-Id', 'a'.repeat(129)).expect(200);
    expect(tooLong.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await request(app).get('/nowhere').expect(404);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves /healthz with helmet headers and without dependency checks', async () => {
    const { app } = appThrowing(new Error('unused'));
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});
