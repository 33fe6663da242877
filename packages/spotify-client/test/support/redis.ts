import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A unique BullMQ/key prefix per test, so tests never see each other's queues or keys. */
export function uniquePrefix(label: string): string {
  return `test-sc-${label}-${randomUUID().slice(0, 8)}`;
}

/** Producer-style connection (fails fast), as the api passes to the proxy. */
export function producerConnection(url = REDIS_URL, extra: RedisOptions = {}): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, ...extra });
}

/** Worker-style connection (BullMQ workers need maxRetriesPerRequest: null). */
export function workerConnection(url = REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
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

/** Deletes every key under `prefix`. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
