import type { Logger } from '@albumboard/observability';
import type { MemoryRelief, RedisConnection } from '@albumboard/redis-connection';
import { DirectSpotifyCaller } from './http/direct-spotify-caller';
import type { SpotifyCaller } from './spotify-caller';
import { SpotifyClient, type SpotifyClientOptions } from './http/spotify-client';
import { SpotifyWorkerProxy } from './proxy/spotify-worker-proxy';

export type SpotifyCallMode = 'worker' | 'direct';

export interface CreateSpotifyCallerConfig {
  /** SPOTIFY_CALL_MODE: `worker` (default path, through the spotify queue) or `direct` (rollback, in-process). */
  mode: SpotifyCallMode;
  /** Used when a call gives no `timeoutMs`. */
  defaultTimeoutMs: number;
  logger?: Logger;
  /** worker mode: the producer connection (fail fast), the queue prefix, optionally a QueueEvents connection. */
  connection?: RedisConnection;
  prefix?: string;
  queueEventsConnection?: RedisConnection;
  redisTimeoutMs?: number;
  /** worker mode: frees memory when adding a job meets OOM (the search cache's `shed`); the add is tried once more. */
  relieveMemory?: MemoryRelief;
  /** worker mode: SPOTIFY_QUEUE_DELAY_TARGET_MS (see SpotifyWorkerProxyOptions.queueDelayTargetMs). */
  queueDelayTargetMs?: number;
  /** direct mode: a ready client, or the options to build one. */
  client?: SpotifyClient;
  spotify?: SpotifyClientOptions;
}

/** Picks the SpotifyCaller for SPOTIFY_CALL_MODE. Throws when the chosen mode lacks what it needs. */
export function createSpotifyCaller(config: CreateSpotifyCallerConfig): SpotifyCaller {
  if (config.mode === 'direct') {
    const client = config.client ?? (config.spotify ? new SpotifyClient({ logger: config.logger, ...config.spotify }) : undefined);
    if (!client) throw new Error('createSpotifyCaller: direct mode needs `client` or `spotify` options');
    return new DirectSpotifyCaller(client, { defaultTimeoutMs: config.defaultTimeoutMs });
  }
  if (!config.connection) throw new Error('createSpotifyCaller: worker mode needs a Redis `connection`');
  return new SpotifyWorkerProxy({
    connection: config.connection,
    prefix: config.prefix,
    defaultTimeoutMs: config.defaultTimeoutMs,
    logger: config.logger,
    queueEventsConnection: config.queueEventsConnection,
    redisTimeoutMs: config.redisTimeoutMs,
    relieveMemory: config.relieveMemory,
    queueDelayTargetMs: config.queueDelayTargetMs,
  });
}
