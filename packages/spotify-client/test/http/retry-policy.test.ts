import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { backoffDelayMs, createRetryConfig, isTransientFailure } from '../../src/http/retry-policy';

function failure(status: number | undefined, config: Partial<InternalAxiosRequestConfig> = {}): AxiosError {
  const cfg = { headers: new AxiosHeaders(), method: 'get', ...config } as InternalAxiosRequestConfig;
  const response = status === undefined ? undefined : ({ status, headers: {}, data: '', config: cfg } as AxiosResponse);
  return new AxiosError('failed', status === undefined ? 'ECONNRESET' : 'ERR_BAD_RESPONSE', cfg, undefined, response);
}

describe('retry policy', () => {
  it('backs off exponentially with jitter between half and the full delay', () => {
    expect(backoffDelayMs(1, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelayMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 10_000, () => 1)).toBe(400);
    expect(backoffDelayMs(20, 100, 1000, () => 1)).toBe(1000);
  });

  it('retries network errors and 5xx, never 429 or other 4xx', () => {
    expect(isTransientFailure(failure(undefined))).toBe(true);
    expect(isTransientFailure(failure(502))).toBe(true);
    expect(isTransientFailure(failure(503))).toBe(true);
    expect(isTransientFailure(failure(429))).toBe(false);
    expect(isTransientFailure(failure(404))).toBe(false);
  });

  it('does not start a retry at or after the deadline, and uses the planned delay', async () => {
    const config = createRetryConfig({ retries: 3, baseDelayMs: 100, random: () => 1 });
    const late = failure(500, { albumboard: { endpoint: 'GET /v1/search', deadline: Date.now() + 50 } });
    expect(await config.retryCondition!(late)).toBe(false);
    const early = failure(500, { albumboard: { endpoint: 'GET /v1/search', deadline: Date.now() + 60_000 } });
    expect(await config.retryCondition!(early)).toBe(true);
    expect(config.retryDelay!(1, early)).toBe(100);
  });
});
