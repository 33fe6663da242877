import { startRedis, tempDir, type RedisProcess } from '@albumboard/redis-connection/test-support';
import { Redis } from 'ioredis';

/** A redis-server of the test's own (`extra`: e.g. `--maxmemory 4mb`) and a fail-fast connection to it. */
export interface PrivateRedis {
  server: RedisProcess;
  redis: Redis;
  close(): Promise<void>;
}

export async function startPrivateRedis(label: string, extra: string[] = []): Promise<PrivateRedis> {
  const dir = tempDir(label);
  const server = await startRedis(dir.path, extra);
  const redis = new Redis({ port: server.port, host: '127.0.0.1', enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  return {
    server,
    redis,
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
      await server.stop();
      dir.cleanup();
    },
  };
}
