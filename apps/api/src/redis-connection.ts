import type { Logger } from '@albumboard/observability';
import { Redis } from 'ioredis';

/** Thrown when Redis does not answer at start-up; its message is the one line `index.ts` prints. */
export class RedisUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `Redis did not answer at ${url} (${why}). Start one with \`redis-server\` or \`docker compose up -d redis\`, or set REDIS_URL.`,
    );
    this.name = 'RedisUnavailableError';
  }
}

/**
 * A fail-fast Redis connection for request handling: no offline queue and one retry per command, so an outage
 * answers 503 at once instead of hanging requests. It keeps reconnecting in the background.
 */
export function createRedisConnection(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 5000 });
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message === lastError) return; // one line per distinct failure, not one per reconnect attempt
    lastError = error.message;
    logger.warn({ err: error }, 'redis connection error');
  });
  redis.on('ready', () => {
    if (lastError) logger.info('redis connection restored');
    lastError = '';
  });
  return redis;
}

/** Connects and pings once; throws a RedisUnavailableError (naming `displayUrl`) if Redis does not answer. */
export async function connectRedis(redis: Redis, displayUrl: string): Promise<void> {
  let socketError: unknown;
  const remember = (error: unknown) => {
    socketError ??= error; // e.g. ECONNREFUSED: more telling than ioredis's "Connection is closed."
  };
  redis.on('error', remember);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new RedisUnavailableError(displayUrl, socketError ?? error);
  } finally {
    redis.off('error', remember);
  }
}
