import { createRedisConnection, parseRedisSettings } from '@albumboard/redis-connection';

/** Deletes every key matching one of `patterns` (SCAN + UNLINK); returns how many were removed. */
export async function deleteKeys(redisUrl: string, patterns: readonly string[]): Promise<number> {
  const redis = createRedisConnection(parseRedisSettings({ REDIS_URL: redisUrl }), 'request', undefined, { enableOfflineQueue: true, lazyConnect: false });
  let removed = 0;
  try {
    for (const pattern of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length) removed += await redis.unlink(...keys);
      } while (cursor !== '0');
    }
  } finally {
    await redis.quit();
  }
  return removed;
}

/** A short unique id for this run's key prefixes. */
export function runId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
