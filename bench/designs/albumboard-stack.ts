import { silentLogger } from '@albumboard/observability';
import { SpotifyWorkerProxy } from '@albumboard/spotify-client';
import { createSpotifyWorker } from '@albumboard/worker-spotify/dist/app';
import { describeConfig, loadConfig as loadWorkerConfig } from '@albumboard/worker-spotify/dist/config';
import { createRedisConnection, parseRedisSettings, type RedisConnection } from '@albumboard/redis-connection';
import type { SpotifyTarget } from './design';

export interface WorkerStackOptions {
  spotify: SpotifyTarget;
  redisUrl: string;
  prefix: string;
  budgetPer30s: number;
  /** SPOTIFY_CONCURRENCY; the worker's default when unset. */
  concurrency?: number;
}

/** worker-spotify as deployed (built by its own `createSpotifyWorker` from its own config parser), in-process. */
export interface WorkerStack {
  /** The settings the worker actually runs with (its `describeConfig`, secrets redacted). */
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

export async function startWorkerStack(options: WorkerStackOptions): Promise<WorkerStack> {
  const config = loadWorkerConfig({
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.prefix,
    SPOTIFY_CLIENT_ID: options.spotify.clientId,
    SPOTIFY_CLIENT_SECRET: options.spotify.clientSecret,
    SPOTIFY_API_URL: options.spotify.apiUrl,
    SPOTIFY_ACCOUNTS_URL: options.spotify.accountsUrl,
    SPOTIFY_BUDGET_PER_30S: String(options.budgetPer30s),
    ...(options.concurrency ? { SPOTIFY_CONCURRENCY: String(options.concurrency) } : {}),
    LOG_LEVEL: 'silent',
  });
  const connection = createRedisConnection(config.redis, 'worker');
  const worker = await createSpotifyWorker({ config, connection, logger: silentLogger() });
  return {
    settings: describeConfig(config),
    async close() {
      await worker.close();
      await connection.quit();
    },
  };
}

/** One API process's SpotifyWorkerProxy with its own producer and QueueEvents connections. */
export interface ProxyHandle {
  proxy: SpotifyWorkerProxy;
  /** The fail-fast producer connection (the API's `redis`). */
  redis: RedisConnection;
  close(): Promise<void>;
}

/** `queueDelayTargetMs`: the api's SPOTIFY_QUEUE_DELAY_TARGET_MS (unset: only the deadline bounds a call's wait). */
export function createProxy(redisUrl: string, prefix: string, defaultTimeoutMs: number, queueDelayTargetMs?: number): ProxyHandle {
  const settings = parseRedisSettings({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix });
  // The api's fail-fast connection, but queueing while it connects (the bench starts calling at once).
  const redis = createRedisConnection(settings, 'request', undefined, { enableOfflineQueue: true, lazyConnect: false });
  const events = createRedisConnection(settings, 'worker');
  redis.on('error', () => undefined);
  events.on('error', () => undefined);
  const proxy = new SpotifyWorkerProxy({ connection: redis, queueEventsConnection: events, prefix, defaultTimeoutMs, queueDelayTargetMs, logger: silentLogger() });
  return {
    proxy,
    redis,
    async close() {
      await proxy.close();
      await Promise.all([redis.quit(), events.quit()]);
    },
  };
}
