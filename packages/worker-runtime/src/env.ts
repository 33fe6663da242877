import { envBoolean, envPort } from '@albumboard/env-config';
import { redactConfig } from '@albumboard/observability';
import { redisEnvShape, redisSettingsOf, type RedisSettings } from '@albumboard/redis-connection';
import { z } from 'zod';

/** The settings every worker app shares (spread into the app's own zod object). */
export const workerEnvShape = {
  /** REDIS_URL, the TLS, Cluster and Sentinel settings and QUEUE_PREFIX: one schema for every app (check the
   * cross-field rules with `refineRedisEnv` from @albumboard/redis-connection). */
  ...redisEnvShape,
  /** Serve `GET /healthz` on this port when set. */
  WORKER_HEALTH_PORT: envPort.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: envBoolean.default(false),
};

/** The settings every worker process has, as its config carries them (parsed from `workerEnvShape`). */
export interface WorkerSettings {
  /** REDIS_URL, TLS, Cluster/Sentinel, from the one schema of @albumboard/redis-connection. */
  redis: RedisSettings;
  queuePrefix: string;
  healthPort?: number;
  logLevel: string;
  logPretty: boolean;
}

/** The `workerEnvShape` part of a parsed environment. */
export type WorkerEnv = z.output<z.ZodObject<typeof workerEnvShape>>;

export function workerSettingsOf(e: WorkerEnv): WorkerSettings {
  return { redis: redisSettingsOf(e), queuePrefix: e.QUEUE_PREFIX, healthPort: e.WORKER_HEALTH_PORT, logLevel: e.LOG_LEVEL, logPretty: e.LOG_PRETTY };
}

/** A worker's config for its start-up log line: the Redis URL without its password (the app redacts its own secrets). */
export function describeWorkerSettings<C extends WorkerSettings>(config: C): C {
  return { ...config, redis: { ...config.redis, url: String(redactConfig({ url: config.redis.url }).url) } };
}
