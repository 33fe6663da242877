import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { Logger } from '@albumboard/observability';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisSettings } from './redis-config.schema';

/** A connection of any topology: a `Redis` (standalone, Sentinel) or a `Cluster`. Both are valid BullMQ connections. */
export type RedisConnection = Redis | Cluster;

/**
 * What the connection is for:
 * - `request`: fail fast (no offline queue, one retry): an outage answers 503 at once instead of hanging requests;
 *   not connected until `connectAndPing`.
 * - `worker`: BullMQ workers, queue events and anything that must wait through an outage (`maxRetriesPerRequest: null`).
 */
export type ConnectionRole = 'request' | 'worker';

let insecureWarned = false;

/** Node TLS options for `rediss://`, or undefined for `redis://`. Logs the REDIS_TLS_REJECT_UNAUTHORIZED=false warning once per process. */
export function tlsOptionsOf(settings: RedisSettings, logger?: Logger): ConnectionOptions | undefined {
  if (!settings.url.startsWith('rediss://')) return undefined;
  const { rejectUnauthorized, caFile } = settings.tls;
  if (!rejectUnauthorized && !insecureWarned) {
    insecureWarned = true;
    logger?.warn(
      'REDIS_TLS_REJECT_UNAUTHORIZED=false: the Redis connection is encrypted but its certificate is not verified ' +
        '(needed for Heroku Key-Value Store); set REDIS_TLS_CA_FILE instead where the CA is known',
    );
  }
  return { rejectUnauthorized, ...(caFile ? { ca: readFileSync(caFile) } : {}) };
}

/** Credentials, database and TLS from REDIS_URL (shared by every topology). */
function urlOptions(settings: RedisSettings, logger?: Logger): RedisOptions {
  const url = new URL(settings.url);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
  return {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    tls: tlsOptionsOf(settings, logger),
  };
}

function roleOptions(role: ConnectionRole): RedisOptions {
  return role === 'worker'
    ? { maxRetriesPerRequest: null }
    : { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 5000 };
}

/**
 * Opens a connection with the settings' topology: `REDIS_CLUSTER_NODES` → an ioredis Cluster (credentials and TLS of
 * REDIS_URL in `redisOptions`), `REDIS_SENTINELS` → a Sentinel-managed master (follows a failover), otherwise the
 * REDIS_URL server. `overrides` are added to the Redis options (to each node's, for a Cluster).
 */
export function createRedisConnection(settings: RedisSettings, role: ConnectionRole, logger?: Logger, overrides: RedisOptions = {}): RedisConnection {
  const base = { ...urlOptions(settings, logger), ...roleOptions(role), ...overrides };
  if (settings.clusterNodes) {
    const { enableOfflineQueue, lazyConnect, ...redisOptions } = base;
    const options: ClusterOptions = {
      redisOptions,
      enableOfflineQueue: enableOfflineQueue ?? true,
      lazyConnect: lazyConnect ?? false,
      // TLS certificates name the configured host (ElastiCache, MemoryDB): keep hostnames instead of resolving to IPs.
      ...(base.tls ? { dnsLookup: (address, callback) => callback(null, address), slotsRefreshTimeout: 2000 } : {}),
    };
    return new Cluster(
      settings.clusterNodes.map((node) => ({ ...node })),
      options,
    );
  }
  if (settings.sentinels) {
    return new Redis({
      ...base,
      sentinels: settings.sentinels.map((node) => ({ ...node })),
      name: settings.sentinelName,
      // After a failover Sentinel kills the old master's clients: reconnect (asking the sentinels again) instead of
      // ending, and drop a connection that meets READONLY (it reached a demoted master).
      retryStrategy: (times: number) => Math.min(times * 100, 2_000),
      reconnectOnError: (error: Error) => error.message.startsWith('READONLY'),
      // rediss:// applies to the master and replicas; the sentinels themselves are asked in plain TCP.
      ...(base.tls ? { enableTLSForSentinelMode: true } : {}),
    });
  }
  const url = new URL(settings.url);
  return new Redis({ ...base, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 6379 });
}

/**
 * One more connection with the same address, credentials and TLS as `connection` (ioredis `duplicate()` for any
 * topology); `role` switches it to `worker` (waits through outages: BullMQ QueueEvents, blocking reads) or `request`.
 */
export function duplicateConnection(connection: RedisConnection, role?: ConnectionRole): RedisConnection {
  const options: RedisOptions = role === undefined ? {} : role === 'worker' ? { maxRetriesPerRequest: null, enableOfflineQueue: true } : { ...roleOptions('request'), lazyConnect: false };
  if (connection instanceof Cluster) {
    const { enableOfflineQueue, lazyConnect: _lazy, ...redisOptions } = options;
    return connection.duplicate(undefined, {
      ...connection.options,
      ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
      redisOptions: { ...connection.options.redisOptions, ...redisOptions },
    });
  }
  return connection.duplicate(options);
}

/** True for an ioredis Cluster. */
export function isCluster(connection: RedisConnection): connection is Cluster {
  return connection instanceof Cluster;
}
