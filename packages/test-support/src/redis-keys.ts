import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The tests' Redis (env REDIS_URL). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue/key prefix no other test uses: `test-<label>-<8 hex>`. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

/** A connection as BullMQ workers and QueueEvents need it (`maxRetriesPerRequest: null`). */
export function workerConnection(url = REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Deletes every key under `prefix` (`<prefix>:*`). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * For one test file: a connection (`connect`, default a plain one to REDIS_URL), opened before its tests and closed
 * after, and a fresh prefix `test-<label>-…` per test whose keys are deleted after that test.
 */
export function usePrefixedRedis(label: string, connect: () => Redis | Promise<Redis> = () => new Redis(REDIS_URL)): { readonly redis: Redis; readonly prefix: string } {
  const state = {} as { redis: Redis; prefix: string };
  beforeAll(async () => {
    state.redis = await connect();
  });
  afterAll(() => state.redis.quit());
  beforeEach(() => {
    state.prefix = uniquePrefix(label);
  });
  afterEach(() => deletePrefix(state.redis, state.prefix));
  return state;
}
