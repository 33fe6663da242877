import { envBoolean, parseEnv, presentEnv } from '@albumboard/env-config';
import { z } from 'zod';

/** BullMQ's default key prefix; every albumboard process reads QUEUE_PREFIX and defaults to it. */
export const DEFAULT_QUEUE_PREFIX = 'bull';

/** `host:port,host:port` → `[{ host, port }]`. */
const hostPortList = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const nodes: Array<{ host: string; port: number }> = [];
    for (const item of value.split(',').map((part) => part.trim()).filter(Boolean)) {
      const match = /^(.+):(\d{1,5})$/.exec(item);
      const port = match ? Number(match[2]) : NaN;
      if (!match || port < 1 || port > 65_535) {
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of host:port' });
        return z.NEVER;
      }
      nodes.push({ host: match[1].replace(/^\[(.*)\]$/, '$1'), port });
    }
    if (nodes.length === 0) ctx.addIssue({ code: 'custom', message: 'must list at least one host:port' });
    return nodes;
  });

/**
 * The hash tag Redis Cluster hashes a key on: the text between the first `{` and the next `}`, if not empty.
 * Every albumboard key starts with QUEUE_PREFIX, so a prefix with a hash tag puts all of them in one slot.
 */
export function hashTagOf(prefix: string): string | undefined {
  const open = prefix.indexOf('{');
  if (open < 0) return undefined;
  const close = prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : undefined;
}

/** A Redis server's URL setting: `redis://` or `rediss://` (TLS), with credentials and database. */
export const redisUrlSetting = z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' });

/**
 * The Redis settings every app and CLI shares, by environment variable name (spread into the app's zod object, and
 * check the cross-field rules with `refineRedisEnv`).
 */
export const redisEnvShape = {
  REDIS_URL: redisUrlSetting.default('redis://127.0.0.1:6379'),
  /** `false` accepts a certificate that fails verification (Heroku Key-Value Store's self-signed one). */
  REDIS_TLS_REJECT_UNAUTHORIZED: envBoolean.default(true),
  /** A PEM file of the CA to trust for the Redis certificate (instead of the system's CAs). */
  REDIS_TLS_CA_FILE: z.string().trim().min(1).optional(),
  /** `host:port,…` of Redis Cluster nodes: the apps connect with an ioredis Cluster. */
  REDIS_CLUSTER_NODES: hostPortList.optional(),
  /** `host:port,…` of Redis Sentinels: the apps ask them for the master named REDIS_SENTINEL_NAME. */
  REDIS_SENTINELS: hostPortList.optional(),
  REDIS_SENTINEL_NAME: z.string().trim().min(1).optional(),
  /** BullMQ key prefix, also the start of every albumboard key; `{albumboard}` keeps them all in one Cluster slot. */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9{}_.-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 { } _ . -')
    .default(DEFAULT_QUEUE_PREFIX),
};

type RedisEnvInput = z.output<z.ZodObject<typeof redisEnvShape>>;

/** The cross-field rules of the Redis settings; call from the app schema's `superRefine`. */
export function refineRedisEnv(env: RedisEnvInput, ctx: z.RefinementCtx): void {
  if (env.REDIS_CLUSTER_NODES && env.REDIS_SENTINELS) {
    ctx.addIssue({ code: 'custom', path: ['REDIS_SENTINELS'], message: 'cannot be set together with REDIS_CLUSTER_NODES (pick one)' });
  }
  if (env.REDIS_CLUSTER_NODES && hashTagOf(env.QUEUE_PREFIX) === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['QUEUE_PREFIX'],
      message: `must be a hash tag such as {albumboard} when REDIS_CLUSTER_NODES is set (BullMQ and albumboard's scripts need every key of a queue in one Cluster slot)`,
    });
  }
  if (env.REDIS_SENTINELS && !env.REDIS_SENTINEL_NAME) {
    ctx.addIssue({ code: 'custom', path: ['REDIS_SENTINEL_NAME'], message: 'is required with REDIS_SENTINELS (the master name the sentinels monitor)' });
  }
  if (env.REDIS_SENTINEL_NAME && !env.REDIS_SENTINELS) {
    ctx.addIssue({ code: 'custom', path: ['REDIS_SENTINELS'], message: 'is required with REDIS_SENTINEL_NAME' });
  }
  if (env.REDIS_TLS_CA_FILE && !env.REDIS_URL.startsWith('rediss://')) {
    ctx.addIssue({ code: 'custom', path: ['REDIS_TLS_CA_FILE'], message: 'needs a rediss:// REDIS_URL (TLS)' });
  }
}

/** The Redis settings as the connection factories take them. */
export interface RedisSettings {
  /** REDIS_URL: address (standalone), credentials, database and TLS (`rediss://`) for every topology. */
  url: string;
  tls: { rejectUnauthorized: boolean; caFile?: string };
  clusterNodes?: ReadonlyArray<{ host: string; port: number }>;
  sentinels?: ReadonlyArray<{ host: string; port: number }>;
  sentinelName?: string;
  queuePrefix: string;
}

/** The settings object of an env parsed with `redisEnvShape`. */
export function redisSettingsOf(env: RedisEnvInput): RedisSettings {
  return {
    url: env.REDIS_URL,
    tls: { rejectUnauthorized: env.REDIS_TLS_REJECT_UNAUTHORIZED, caFile: env.REDIS_TLS_CA_FILE },
    clusterNodes: env.REDIS_CLUSTER_NODES,
    sentinels: env.REDIS_SENTINELS,
    sentinelName: env.REDIS_SENTINEL_NAME,
    queuePrefix: env.QUEUE_PREFIX,
  };
}

/** The Redis settings alone (CLIs, bench, tests): one zod schema with the cross-field rules. */
export const redisSettingsSchema = z.object(redisEnvShape).superRefine(refineRedisEnv).transform(redisSettingsOf);

/** Parses only the Redis settings of `env` (empty values count as unset); throws a ConfigError of one line. */
export function parseRedisSettings(env: NodeJS.ProcessEnv): RedisSettings {
  return parseEnv(redisSettingsSchema, presentEnv(env, (name) => name in redisEnvShape));
}

/**
 * The settings of one more standalone server at `url` (e.g. CACHE_REDIS_URL): its address, credentials, database and
 * TLS from `url`, the TLS options (REDIS_TLS_REJECT_UNAUTHORIZED, REDIS_TLS_CA_FILE) and prefix of `settings`.
 */
export function standaloneSettingsAt(settings: RedisSettings, url: string): RedisSettings {
  return { url, tls: settings.tls, queuePrefix: settings.queuePrefix };
}

/** Where the settings point, without secrets, for logs and error lines. */
export function describeRedisTarget(settings: RedisSettings): string {
  const list = (nodes: ReadonlyArray<{ host: string; port: number }>) => nodes.map((n) => `${n.host}:${n.port}`).join(',');
  if (settings.clusterNodes) return `cluster ${list(settings.clusterNodes)}`;
  if (settings.sentinels) return `sentinel ${settings.sentinelName} via ${list(settings.sentinels)}`;
  const url = new URL(settings.url);
  return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
}
