import type { Logger } from '@albumboard/observability';
import type { Express, RequestHandler } from 'express';
import type { RedisConnection } from '@albumboard/redis-connection';
import type { ApiConfig } from '../config';
import { mountAdminQueues } from '../routes/admin-queues.route';
import { mountApiDocs } from '../routes/api-docs.route';
import { metricsRoutes } from '../routes/metrics.route';
import { readinessRoutes } from '../routes/readiness.route';
import { statusRoutes } from '../routes/status.route';
import { adminAuth, metricsAuth } from './admin-auth.middleware';
import type { ApiMetrics } from './api-metrics';
import { httpMetrics } from './http-metrics.middleware';
import type { MeteredSpotifyCaller } from './metered-spotify-caller';
import { MetricsExporter } from './metrics-exporter.service';
import { OpsQueues } from './ops-queues';
import { databaseCheck, redisCheck, redisMemoryCheck, workerCheck, type ReadinessCheck } from './readiness.service';
import { RedisMemoryWatch } from './redis-memory';
import { SpotifyStatsReader } from './spotify-stats.reader';
import { StatusService } from './status.service';

export interface OperationsDeps {
  config: ApiConfig;
  redis: RedisConnection;
  logger: Logger;
  /** The api's metrics (the composition root creates them and the measured callers that feed them). */
  metrics: ApiMetrics;
  /** The Spotify caller the app uses, observed for the status page's recent-call percentiles. */
  spotify: MeteredSpotifyCaller;
  /** Pinged by `/readyz` when present (the rating store's `ping`). */
  database?: { ping(): Promise<unknown> };
  /** More readiness checks (run with the built-in ones). */
  readinessChecks?: readonly ReadinessCheck[];
}

/** The operations side of the api, which only observes: metrics routes, readiness, status, dashboard, docs. */
export interface Operations {
  queues: OpsQueues;
  /** Middleware to install first (after the request id and its log context): request duration metrics. */
  early: RequestHandler[];
  /** Mounts /readyz, /api/v1/status, /metrics, /admin/queues and /docs on `app` (before the 404 handler). */
  mount(app: Express): void;
}

export function createOperations(deps: OperationsDeps): Operations {
  const { config, redis, logger, metrics, spotify } = deps;
  const log = logger.child({ component: 'operations' });
  const queues = new OpsQueues(redis, config.QUEUE_PREFIX, log);
  const stats = new SpotifyStatsReader(redis, config.QUEUE_PREFIX);
  const memory = new RedisMemoryWatch(redis, log);
  const checks: ReadinessCheck[] = [
    redisCheck(redis),
    redisMemoryCheck(memory),
    ...(deps.database ? [databaseCheck(() => deps.database!.ping())] : []),
    ...queues.names.map((name) => workerCheck(queues, name)),
    ...(deps.readinessChecks ?? []),
  ];
  return {
    queues,
    early: [httpMetrics(metrics)],
    mount(app) {
      app.use(readinessRoutes(checks));
      app.use(statusRoutes(new StatusService({ queues, stats, metrics, spotify, memory }), adminAuth({ token: config.ADMIN_TOKEN, challenge: 'bearer' })));
      app.use(metricsRoutes(new MetricsExporter({ metrics, queues, stats, memory, logger: log, database: deps.database }), metricsAuth(config.METRICS_TOKEN)));
      mountAdminQueues(app, queues, adminAuth({ token: config.ADMIN_TOKEN, challenge: 'basic' }));
      mountApiDocs(app);
    },
  };
}
