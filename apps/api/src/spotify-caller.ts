import type { Logger } from '@albumboard/observability';
import { createSpotifyCaller, type SpotifyCaller } from '@albumboard/spotify-client';
import type { MemoryRelief, RedisConnection } from '@albumboard/redis-connection';
import type { ApiConfig } from './config';

/**
 * The SpotifyCaller for SPOTIFY_CALL_MODE: `worker` enqueues on the `spotify` queue through `redis` (the
 * fail-fast connection) and waits for worker-spotify; `direct` calls Spotify in-process (rollback path, no
 * shared budget). The caller owns no connection passed in; `close()` it before quitting `redis`. An add refused because
 * Redis is out of memory is tried once more after `relieveMemory` (the search cache's `shed`).
 */
export function buildSpotifyCaller(config: ApiConfig, redis: RedisConnection, logger: Logger, relieveMemory?: MemoryRelief): SpotifyCaller {
  return createSpotifyCaller({
    mode: config.SPOTIFY_CALL_MODE,
    defaultTimeoutMs: config.SPOTIFY_CALL_TIMEOUT_MS,
    queueDelayTargetMs: config.SPOTIFY_QUEUE_DELAY_TARGET_MS,
    logger,
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    relieveMemory,
    spotify: {
      clientId: config.SPOTIFY_CLIENT_ID,
      clientSecret: config.SPOTIFY_CLIENT_SECRET,
      apiUrl: config.SPOTIFY_API_URL,
      accountsUrl: config.SPOTIFY_ACCOUNTS_URL,
    },
  });
}
