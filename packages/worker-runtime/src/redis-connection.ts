import { Redis, type RedisOptions } from 'ioredis';

/** Redis did not answer at start-up. The message says where and how to get one. */
export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * A connection for BullMQ workers: `maxRetriesPerRequest: null`, so blocking commands wait through a Redis restart
 * instead of failing the worker.
 */
export function createWorkerConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...options, maxRetriesPerRequest: null });
}

function describe(connection: Redis): string {
  const { host, port, path } = connection.options;
  return path ? `unix:${path}` : `${host ?? '127.0.0.1'}:${port ?? 6379}`;
}

/** Resolves once Redis answers PING; throws RedisUnavailableError after `timeoutMs`. */
export async function waitForRedis(connection: Redis, timeoutMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new RedisUnavailableError(
          `Redis did not answer at ${describe(connection)} within ${Math.round(timeoutMs / 1000)} s. ` +
            'Start one with `redis-server` (or `docker compose up redis`), or point REDIS_URL at a running Redis.',
        ),
      );
    }, timeoutMs);
  });
  try {
    await Promise.race([connection.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
