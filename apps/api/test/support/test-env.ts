import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '@albumboard/observability';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import { Redis } from 'ioredis';
import { loadConfig, type ApiConfig } from '../../src/config';
import { BASE_DATABASE_URL } from './test-database';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses. */
export function uniquePrefix(): string {
  return `test-api-${randomUUID().slice(0, 8)}`;
}

/** A config as the app would load it, on a unique prefix. */
export function testConfig(overrides: Record<string, string> = {}): ApiConfig {
  // A database is required; the tests' PostgreSQL unless the test configures Supabase (one of the two, never both).
  const database = overrides.SUPABASE_URL === undefined ? { DATABASE_URL: BASE_DATABASE_URL } : {};
  return loadConfig({ REDIS_URL, ...database, QUEUE_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent', ...overrides });
}

/**
 * The fail-fast connection the API uses for requests. `disconnectTimeout` is short because ioredis otherwise
 * keeps a 2 s timer after `disconnect()` of a client that never connected (jest would not exit).
 */
export function apiRedis(url = REDIS_URL): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, disconnectTimeout: 50 });
  redis.on('error', () => undefined);
  return redis;
}

/** A connection for BullMQ workers and queue events (`maxRetriesPerRequest: null`). */
export function workerRedis(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: null });
}

/** Deletes every key under `prefix`. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Our own SpotifyCaller interface, recording calls and answering with `answer` (a throw by default). */
export function recordingCaller(answer: (method: string, args: unknown) => Promise<never> | never = () => {
  throw new Error('recordingCaller: the Spotify caller must not be called here');
}): SpotifyCaller & { calls: { method: string; args: unknown; requestId?: string }[] } {
  const calls: { method: string; args: unknown; requestId?: string }[] = [];
  return {
    calls,
    call: async (method, args, options) => {
      calls.push({ method, args, requestId: options?.requestId });
      return answer(method, args);
    },
    close: async () => undefined,
  };
}

export const logger: Logger = silentLogger();
