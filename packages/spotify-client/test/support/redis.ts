import { REDIS_URL } from '@albumboard/test-support';
import { Redis, type RedisOptions } from 'ioredis';

/** Producer-style connection (fails fast), as the api passes to the proxy. */
export function producerConnection(url = REDIS_URL, extra: RedisOptions = {}): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, ...extra });
}

/** Waits until a fail-fast connection is ready (commands fail rather than queue before that). */
export async function ready(redis: Redis): Promise<Redis> {
  if (redis.status === 'ready') return redis;
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    redis.once('error', reject);
  });
  return redis;
}
