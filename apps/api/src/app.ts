import type { Logger } from '@albumboard/observability';
import type { RatingStore } from '@albumboard/rating-store';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import express, { type Express } from 'express';
import type { RedisConnection } from '@albumboard/redis-connection';
import { DEFAULT_CACHE_BUDGET, SearchCacheStore } from '@albumboard/search-cache';
import type { ApiConfig } from './config';
import { errorHandler } from './middleware/error-handler.middleware';
import { accessLog } from './middleware/access-log.middleware';
import { ratingJsonBody } from './middleware/json-body.middleware';
import { notFound } from './middleware/not-found.middleware';
import { requestId } from './middleware/request-id.middleware';
import { healthRoutes } from './routes/health.route';
import { openApiRoutes } from './routes/api-docs.route';
import { SEARCH_PATH, searchRoutes } from './routes/search.route';
import { preferWait } from './middleware/prefer-wait.middleware';
import { ratingsRouter } from './ratings-feature';
import { createBackgroundJobs, type BackgroundJobs } from './services/background-jobs';
import { unconfiguredRatingStore } from './services/unconfigured-rating-store';
import { createApiMetrics } from './operations/api-metrics';
import { MeteredSearchCache } from './operations/metered-search-cache';
import { MeteredSearchService } from './operations/metered-search.service';
import { MeteredSpotifyCaller } from './operations/metered-spotify-caller';
import { createOperations } from './operations/operations';
import type { ReadinessCheck } from './operations/readiness.service';
import { clientRateLimits } from './security/client-rate-limit.middleware';
import { clientRateLimitCounter } from './security/client-rate-limit.metrics';
import { corsPolicy } from './security/cors.middleware';
import { securityHeaders } from './security/security-headers.middleware';

/** What the API needs from outside. Tests pass real ones (Redis, a SpotifyCaller on the emulator). */
export interface ApiDeps {
  config: ApiConfig;
  /** A fail-fast connection: `enableOfflineQueue: false`, `maxRetriesPerRequest: 1`. */
  redis: RedisConnection;
  spotify: SpotifyCaller;
  logger: Logger;
  /** The ratings store (`createRatingStore`). Without one the rating routes answer 503 `database_unavailable`. */
  ratings?: RatingStore;
  /**
   * Where search answers are kept, within the cache's budget (`index.ts`: on CACHE_REDIS_URL or `redis`, the budget
   * resolved from the server). Without one: on `redis`, with the default budget.
   */
  searchCache?: SearchCacheStore;
  /**
   * Producers of `leaderboard.recompute` and `catalog.upsert-albums`, on `redis`. Without them the app makes its
   * own (which shed the search cache and retry once when Redis is out of memory), which stay open until `redis` is
   * closed (tests); `index.ts` passes them and closes them.
   */
  jobs?: BackgroundJobs;
  /** Extra `/readyz` checks, run with the built-in ones (Redis, the rating store, a worker on each queue). */
  readinessChecks?: ReadinessCheck[];
  /** The clock (epoch ms) that ages cached answers and catalogue entries; tests move it. Default `Date.now`. */
  now?: () => number;
}

/** Builds the Express app. It starts nothing and owns none of `deps`: the caller closes them. */
export function createApp(deps: ApiDeps): Express {
  const { config, redis, logger } = deps;
  const metrics = createApiMetrics({ coalescedCalls: deps.spotify.coalescedCalls?.bind(deps.spotify) });
  deps.spotify.observeStages?.((stage, seconds) => metrics.spotifyCallStage.observe({ stage }, seconds));
  // Every Spotify call of the app goes through this one caller, measured (calls by method and outcome, durations).
  const spotify = new MeteredSpotifyCaller(deps.spotify, metrics);
  // Operations (docs/operations.md) observe: log context, /readyz, /api/v1/status, /metrics, /admin/queues, /docs.
  const ops = createOperations({ config, redis, logger, metrics, spotify, database: deps.ratings, readinessChecks: deps.readinessChecks });
  const store =
    deps.searchCache ??
    new SearchCacheStore({ redis, prefix: config.QUEUE_PREFIX, budget: DEFAULT_CACHE_BUDGET, now: deps.now, logger: logger.child({ component: 'search-cache' }) });
  const cache = new MeteredSearchCache(metrics, {
    store,
    ttlSeconds: config.SEARCH_CACHE_TTL_S,
    staleSeconds: config.SEARCH_CACHE_STALE_S,
    now: deps.now,
    logger: logger.child({ component: 'search-cache' }),
  });
  const jobs = deps.jobs ?? createBackgroundJobs(redis, config.QUEUE_PREFIX, logger, () => store.shed());
  const search = new MeteredSearchService(metrics, {
    spotify,
    cache,
    callTimeoutMs: config.SPOTIFY_CALL_TIMEOUT_MS,
    onFreshAlbums: (albums, id) => void jobs.catalog.upsertAlbums(albums, id),
  });

  const app = express();
  // Node's querystring: `a=1&a=2` becomes an array and `a[]=1` a key of its own; no nested objects.
  app.set('query parser', 'simple');
  // TRUST_PROXY decides req.ip (the key of the per-client limits); default false: the TCP peer is the client.
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(requestId());
  app.use(ops.early);
  app.use(accessLog(logger));
  app.use(securityHeaders());
  const corsHandler = corsPolicy(config.CORS_ORIGINS);
  if (corsHandler) app.use(corsHandler);
  const limits = clientRateLimits({
    redis,
    prefix: config.QUEUE_PREFIX,
    searchPerMinute: config.API_RATE_LIMIT_SEARCH_PER_MIN,
    generalPerMinute: config.API_RATE_LIMIT_PER_MIN,
    operatorToken: config.ADMIN_TOKEN,
    logger,
    onLimited: clientRateLimitCounter(metrics.registry),
  });
  app.use(limits.general);
  app.use('/api/v1/albums', ratingJsonBody()); // before the app-wide parser: the rating body limit is 4 kb
  app.use(express.json({ limit: '100kb' }));

  app.use(healthRoutes());
  app.use(SEARCH_PATH, preferWait(config.SPOTIFY_CALL_TIMEOUT_MS));
  app.use(searchRoutes(search, limits.admitSearch));
  app.use(ratingsRouter({ config, store: deps.ratings ?? unconfiguredRatingStore(), spotify, jobs, now: deps.now }));
  app.use(openApiRoutes());
  ops.mount(app);

  app.use(notFound());
  app.use(errorHandler());
  return app;
}
