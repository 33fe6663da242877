import type { AxiosError } from 'axios';
import type { IAxiosRetryConfig } from 'axios-retry';
import '../request-context';

export interface RetryPolicyOptions {
  /** Retries after the first attempt (network errors and 5xx only). */
  retries: number;
  /** Delay before the first retry; doubles each retry. */
  baseDelayMs: number;
  maxDelayMs?: number;
  onRetry?: (info: { retry: number; delayMs: number; status: number | 'network_error'; endpoint: string }) => void;
  random?: () => number;
}

/** Exponential backoff with "equal jitter": half the exponential delay fixed, the other half random. */
export function backoffDelayMs(retry: number, baseDelayMs: number, maxDelayMs = 10_000, random: () => number = Math.random): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/**
 * Network failures (timeouts included) and 5xx are transient. 429 is not: it goes back to the caller as a
 * SpotifyRateLimitError so the worker can hold the whole queue instead of sleeping inside one call.
 */
export function isTransientFailure(error: AxiosError): boolean {
  if (error.response) return error.response.status >= 500 && error.response.status <= 599;
  return Boolean(error.config) && error.code !== 'ERR_CANCELED';
}

/**
 * axios-retry settings: retry transient failures up to `retries` times, but never start a retry at or after the
 * request's deadline. The delay is drawn once in `retryCondition` (so the deadline check uses the real delay)
 * and handed to `retryDelay` through a WeakMap keyed by the error.
 */
export function createRetryConfig(options: RetryPolicyOptions): IAxiosRetryConfig {
  const planned = new WeakMap<object, number>();
  const { retries, baseDelayMs, maxDelayMs, random } = options;
  return {
    retries,
    shouldResetTimeout: true, // the request interceptor sets each attempt's timeout from the deadline
    retryCondition: (error) => {
      if (!isTransientFailure(error)) return false;
      const retry = (error.config?.['axios-retry']?.retryCount ?? 0) + 1;
      const delayMs = backoffDelayMs(retry, baseDelayMs, maxDelayMs, random);
      const deadline = error.config?.albumboard?.deadline;
      if (deadline !== undefined && Date.now() + delayMs >= deadline) return false;
      planned.set(error, delayMs);
      return true;
    },
    retryDelay: (retry, error) => planned.get(error) ?? backoffDelayMs(retry, baseDelayMs, maxDelayMs, random),
    onRetry: (retry, error) => {
      options.onRetry?.({
        retry,
        delayMs: planned.get(error) ?? 0,
        status: error.response?.status ?? 'network_error',
        endpoint: error.config?.albumboard?.endpoint ?? 'unknown',
      });
    },
  };
}
