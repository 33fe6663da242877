import type { Logger } from '@albumboard/observability';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import type { RedisConnection } from '@albumboard/redis-connection';
import { ApiError } from '../errors/api-error';
import { METRICS_PATH, READINESS_PATH } from '../operations/operations-paths';
import { credentialOf, tokenMatches } from '../operations/token-check';
import { HEALTH_PATH } from '../routes/health.route';
import { SEARCH_PATH } from '../routes/search.route';
import { createRateLimitStore } from './rate-limit-store';
import { throttledLibraryLogger } from './throttled-library-logger';

/** `search`: GET /api/v1/search, the only route that spends Spotify budget per request; `general`: everything else. */
export type RateLimitScope = 'search' | 'general';

export interface ClientRateLimitOptions {
  /** The API's fail-fast connection; counters live at `<prefix>:rate-limit:<scope>:<client>`. */
  redis: RedisConnection;
  prefix: string;
  /** Searches per client per minute (0: no limit). */
  searchPerMinute: number;
  /** Other requests per client per minute (0: no limit). */
  generalPerMinute: number;
  /**
   * ADMIN_TOKEN. A request bearing it (`Authorization: Bearer <token>`) is the operator's (`pnpm check`'s probe search),
   * not a client's: no per-client limit counts or refuses it. Without a token configured every request is a client's.
   */
  operatorToken?: string;
  logger: Logger;
  /** Called on every refused request (metrics). */
  onLimited?: (scope: RateLimitScope) => void;
}

export const RATE_LIMIT_WINDOW_MS = 60_000;
/** Probes and scrapers: never limited (a load balancer's health checks all come from a few addresses). */
const UNLIMITED_PATHS = new Set([HEALTH_PATH, READINESS_PATH, METRICS_PATH]);

/**
 * The client of a request: its address (`req.ip`, which honours TRUST_PROXY), with IPv6 addresses grouped by /56 so
 * one host cannot rotate through its own subnet. Tokens are not used: search needs no sign-in, and a user id taken
 * from an unverified token would let anyone mint fresh budgets.
 */
export function clientKey(ip: string | undefined): string {
  return ipKeyGenerator(ip ?? 'unknown');
}

function limiter(scope: RateLimitScope, limit: number, options: ClientRateLimitOptions): RateLimitRequestHandler {
  const log = options.logger.child({ component: 'client-rate-limit', scope });
  return rateLimit({
    windowMs: RATE_LIMIT_WINDOW_MS,
    limit,
    identifier: scope,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // The default key: ipKeyGenerator(req.ip) with IPv6 addresses grouped by /56 (what clientKey() computes for logs).
    ipv6Subnet: 56,
    // Redis down or slow: the request passes unlimited rather than failing (the store bounds each command).
    passOnStoreError: true,
    store: createRateLimitStore(options.redis, `${options.prefix}:rate-limit:${scope}:`),
    logger: throttledLibraryLogger(log),
    handler: (req, _res, next) => {
      const info = (req as typeof req & { rateLimit?: { limit: number; used: number } }).rateLimit;
      const first = info !== undefined && info.used === info.limit + 1;
      // One warning per client and window (the first refusal); the access log has every refused request.
      log[first ? 'warn' : 'debug']({ event: 'client_rate_limited', client: clientKey(req.ip), limit: info?.limit }, 'client rate limit reached');
      options.onLimited?.(scope);
      next(new ApiError(429, 'client_rate_limited', `Too many ${scope === 'search' ? 'searches' : 'requests'} from this client; retry after the time in Retry-After`));
    },
  });
}

/** The per-client limits: `general` as middleware, `admitSearch` for the search route to call before Spotify is asked. */
export interface ClientRateLimits {
  /** Every route but search and the probes (`/healthz`, `/readyz`, `/metrics`). */
  general: RequestHandler;
  /**
   * Counts one search against the client's search limit; rejects with the 429 `client_rate_limited` ApiError when it is
   * spent. Called only when a search may ask Spotify (not for a fresh cached answer, which costs no budget and no Redis
   * command beyond the cache read).
   */
  admitSearch(req: Request, res: Response): Promise<void>;
}

/**
 * Per-client limits (express-rate-limit on the API's Redis, so every api replica shares the counts): one client cannot
 * spend the deployment's Spotify budget or crowd out the others. A refused request gets 429 `client_rate_limited` with
 * `Retry-After` and the draft-8 `RateLimit`/`RateLimit-Policy` headers; counted requests carry the headers too.
 */
export function clientRateLimits(options: ClientRateLimitOptions): ClientRateLimits {
  const search = options.searchPerMinute > 0 ? limiter('search', options.searchPerMinute, options) : undefined;
  const general = options.generalPerMinute > 0 ? limiter('general', options.generalPerMinute, options) : undefined;
  const { operatorToken } = options;
  const isOperator = (req: Request): boolean => {
    if (!operatorToken) return false;
    const credential = credentialOf(req.headers.authorization);
    return credential?.scheme === 'bearer' && tokenMatches(credential.secret, operatorToken);
  };
  return {
    general: (req, res, next) => {
      if (req.path === SEARCH_PATH || UNLIMITED_PATHS.has(req.path) || !general || isOperator(req)) return next();
      return general(req, res, next);
    },
    admitSearch: (req, res) =>
      new Promise<void>((resolve, reject) => {
        if (!search || isOperator(req)) return resolve();
        void search(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
      }),
  };
}
