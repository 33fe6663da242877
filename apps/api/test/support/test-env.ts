import { silentLogger, type Logger } from '@albumboard/observability';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import { Redis } from 'ioredis';
import { loadConfig, type ApiConfig } from '../../src/config';
import { BASE_DATABASE_URL, deletePrefix, REDIS_URL, uniquePrefix } from '@albumboard/test-support';

/** A config as the app would load it, on a unique prefix. */
export function testConfig(overrides: Record<string, string> = {}): ApiConfig {
  // A database is required; the tests' PostgreSQL unless the test configures Supabase (one of the two, never both).
  const database = overrides.SUPABASE_URL === undefined ? { DATABASE_URL: BASE_DATABASE_URL } : {};
  return loadConfig({ REDIS_URL, ...database, QUEUE_PREFIX: uniquePrefix('api'), LOG_LEVEL: 'silent', ...overrides });
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

/**
 * The api's connection for one describe block: connected before its tests; after them, the keys of every prefix
 * handed to `track` are deleted and the connection is closed.
 */
export function useApiRedis(): { readonly redis: Redis; track(...prefixes: string[]): void } {
  const redis = apiRedis();
  const tracked: string[] = [];
  beforeAll(() => redis.connect());
  afterAll(async () => {
    for (const prefix of tracked) await deletePrefix(redis, prefix);
    await redis.quit();
  });
  return { redis, track: (...prefixes) => void tracked.push(...prefixes) };
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
