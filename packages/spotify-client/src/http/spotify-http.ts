import type { Logger } from '@albumboard/observability';
import axios, { isAxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import type { z } from 'zod';
import { SpotifyDeadlineError } from '../errors';
import { errorFromRequestFailure } from './http-error.mapper';
import '../request-context';
import { parseResponseBody } from './response-body.parser';
import { createRetryConfig } from './retry-policy';
import type { TokenProvider } from './token-provider';

/** Called before EVERY Web API HTTP request (retries included), never for the token endpoint. May throw. */
/** What a gate knows of the call asking for a slot. */
export interface GateContext {
  /** The caller's deadline (epoch ms). */
  deadline?: number;
  /** The call's BullMQ priority (lower first); background calls yield to interactive ones. */
  priority?: number;
}

export interface RequestGate {
  acquire(ctx: GateContext): Promise<void>;
}

/** One Web API HTTP exchange, reported once per response or network failure. */
export interface UpstreamRequestInfo {
  /** e.g. `GET /v1/search`, `GET /v1/artists/{id}/albums`. */
  endpoint: string;
  status: number | 'network_error';
  durationMs: number;
}

export interface CallContext {
  /** Epoch ms: no request or retry starts after it; each request's timeout is bounded by it. */
  deadline?: number;
}

export interface SpotifyHttpOptions {
  apiUrl: string;
  requestTimeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  tokens: TokenProvider;
  gate?: RequestGate;
  onUpstreamResponse?: (info: UpstreamRequestInfo) => void;
  logger?: Logger;
}

export interface GetRequest {
  /** Path under the API base, e.g. `/artists/xyz/albums`. */
  path: string;
  /** Path template for logs and metrics, e.g. `/artists/{id}/albums`. */
  template: string;
  params?: Record<string, string | number | undefined>;
}

/**
 * The Web API transport: one axios instance whose request interceptor gets the token, awaits the gate and
 * bounds the timeout by the deadline on every attempt (axios-retry re-sends through `axiosInstance(config)`,
 * which runs the interceptors again); transient failures are retried by axios-retry; a 401 refreshes the
 * token and retries once.
 */
export class SpotifyHttp {
  private readonly http: AxiosInstance;
  private readonly basePath: string;

  constructor(private readonly options: SpotifyHttpOptions) {
    const baseURL = options.apiUrl.replace(/\/+$/, '');
    this.basePath = new URL(baseURL).pathname.replace(/\/+$/, '');
    this.http = axios.create({
      baseURL,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      headers: { Accept: 'application/json' },
    });
    this.http.interceptors.request.use((config) => this.beforeRequest(config));
    // Registered before axios-retry's, so each attempt is reported exactly once (a retry runs its own chain).
    this.http.interceptors.response.use(
      (response) => {
        this.report(response.config, response.status);
        return response;
      },
      (error: unknown) => {
        if (isAxiosError(error) && error.config?.albumboard?.startedAt !== undefined) {
          this.report(error.config, error.response?.status ?? 'network_error');
        }
        return Promise.reject(error);
      },
    );
    axiosRetry(
      this.http,
      createRetryConfig({
        retries: options.retries,
        baseDelayMs: options.retryBaseDelayMs,
        onRetry: (info) => options.logger?.warn(info, 'retrying Spotify request'),
      }),
    );
  }

  /** The endpoint label for a path template, e.g. `GET /v1/search`. */
  endpoint(template: string): string {
    return `GET ${this.basePath}${template}`;
  }

  /** GET `request`, parse the body with `schema`. Throws SpotifyErrors only. */
  async getJson<S extends z.ZodType>(request: GetRequest, schema: S, ctx: CallContext = {}): Promise<z.output<S>> {
    const endpoint = this.endpoint(request.template);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await this.http.get<string>(request.path, {
          params: request.params,
          albumboard: { endpoint, deadline: ctx.deadline },
        });
        return parseResponseBody(response.data, schema, endpoint);
      } catch (error) {
        if (attempt === 1 && isAxiosError(error) && error.response?.status === 401) {
          this.options.tokens.invalidate(error.config?.albumboard?.token);
          this.options.logger?.warn({ endpoint }, 'Spotify refused the access token; refreshing it and retrying once');
          continue;
        }
        throw errorFromRequestFailure(error, endpoint);
      }
    }
  }

  private async beforeRequest(config: InternalAxiosRequestConfig): Promise<InternalAxiosRequestConfig> {
    const context = config.albumboard;
    if (!context) return config;
    const { deadline, endpoint } = context;
    assertBeforeDeadline(deadline, endpoint);
    const token = await this.options.tokens.getToken();
    await this.options.gate?.acquire({ deadline });
    const now = Date.now();
    assertBeforeDeadline(deadline, endpoint);
    const timeout = deadline === undefined ? this.options.requestTimeoutMs : Math.min(this.options.requestTimeoutMs, deadline - now);
    config.timeout = Math.max(1, Math.floor(timeout));
    config.headers.set('Authorization', `Bearer ${token}`);
    config.albumboard = { ...context, token, startedAt: now };
    return config;
  }

  private report(config: InternalAxiosRequestConfig | undefined, status: number | 'network_error'): void {
    const context = config?.albumboard;
    if (!context?.startedAt || !this.options.onUpstreamResponse) return;
    try {
      this.options.onUpstreamResponse({ endpoint: context.endpoint, status, durationMs: Date.now() - context.startedAt });
    } catch (error) {
      this.options.logger?.warn({ err: error }, 'onUpstreamResponse threw; ignored');
    }
  }
}

function assertBeforeDeadline(deadline: number | undefined, endpoint: string): void {
  if (deadline !== undefined && Date.now() >= deadline) {
    throw new SpotifyDeadlineError(`Deadline passed before ${endpoint} could be sent`);
  }
}
