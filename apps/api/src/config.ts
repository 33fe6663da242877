import { EMULATOR_DEFAULTS, SPOTIFY_ENDPOINTS } from '@albumboard/spotify-client';
import { ratingStoreConfigSchema } from '@albumboard/rating-store';
import { redisEnvShape, redisSettingsOf, refineRedisEnv } from '@albumboard/redis-connection';
import { envBoolean, parseEnv } from '@albumboard/env-config';
import { searchCacheEnvShape } from '@albumboard/search-cache';
import { z } from 'zod';
import { corsOriginsSetting, trustProxySetting } from './security/http-policy-settings';

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const optionalText = z.string().trim().min(1).optional();

const envSchema = z
  .object({
    PORT: integer(0, 65535).default(3000),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    // REDIS_URL, REDIS_TLS_*, REDIS_CLUSTER_NODES, REDIS_SENTINEL*, QUEUE_PREFIX: the one schema every app shares.
    ...redisEnvShape,
    SPOTIFY_CALL_MODE: z.enum(['worker', 'direct'], { error: 'must be "worker" or "direct"' }).default('worker'),
    SPOTIFY_CALL_TIMEOUT_MS: integer(1, 120_000).default(10_000),
    // The longest a search may be predicted to wait in the spotify queue before its last upstream request; a longer
    // wait is refused at once (503 spotify_busy). Throughput is the budget's either way: a short queue answers sooner.
    SPOTIFY_QUEUE_DELAY_TARGET_MS: integer(0, 120_000).default(1_500),
    SEARCH_CACHE_TTL_S: integer(0, 30 * 24 * 3600).default(3600),
    // Past its fresh TTL a cached answer (or catalogue entry) is kept this long more and answered when Spotify cannot
    // be asked (cool-down, busy, no worker, 5xx, timeout); 0 turns stale answers off.
    SEARCH_CACHE_STALE_S: integer(0, 365 * 24 * 3600).default(7 * 24 * 3600),
    // SEARCH_CACHE_MAX_MB (the cache's memory budget) and CACHE_REDIS_URL (a Redis of its own): packages/search-cache.
    ...searchCacheEnvShape,
    // A catalogue entry older than this is looked up on Spotify again when asked for (and refreshed by worker-default).
    CATALOG_REFRESH_AFTER_DAYS: integer(1, 3650).default(30),
    SPOTIFY_CLIENT_ID: optionalText,
    SPOTIFY_CLIENT_SECRET: optionalText,
    SPOTIFY_API_URL: httpUrl.optional(),
    SPOTIFY_ACCOUNTS_URL: httpUrl.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: envBoolean.default(false),
    // Ratings: the store back end (see packages/rating-store) and how access tokens are checked (src/auth).
    SUPABASE_URL: httpUrl.optional(),
    SUPABASE_SERVICE_ROLE_KEY: optionalText,
    SUPABASE_JWT_SECRET: z.string().trim().min(32, 'must be at least 32 characters').optional(),
    SUPABASE_JWT_ISSUER: optionalText,
    SUPABASE_JWT_AUDIENCE: z.string().trim().min(1).default('authenticated'),
    DATABASE_URL: optionalText,
    // Per-client limits and browser access (src/security): requests per minute per client (0 = no limit), Express's
    // `trust proxy` (decides the client address) and the origins allowed by CORS (none: no CORS headers).
    API_RATE_LIMIT_SEARCH_PER_MIN: integer(0, 1_000_000).default(60),
    API_RATE_LIMIT_PER_MIN: integer(0, 1_000_000).default(300),
    TRUST_PROXY: trustProxySetting.default(false),
    CORS_ORIGINS: corsOriginsSetting.default([]),
    // Operations (docs/operations.md): the admin token guards /api/v1/status and /admin/queues (unset: they answer
    // 404); the metrics token, when set, is required as a Bearer token on /metrics.
    ADMIN_TOKEN: z.string().trim().min(16, 'must be at least 16 characters (use a long random value)').optional(),
    METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters (use a long random value)').optional(),
  })
  .superRefine((env, ctx) => {
    refineRedisEnv(env, ctx);
    if (env.SUPABASE_JWT_SECRET !== undefined && env.SUPABASE_URL === undefined && env.SUPABASE_JWT_ISSUER === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SUPABASE_JWT_ISSUER'], message: 'is required when SUPABASE_JWT_SECRET is set without SUPABASE_URL' });
    }
    if (Boolean(env.SPOTIFY_CLIENT_ID) !== Boolean(env.SPOTIFY_CLIENT_SECRET)) {
      const missing = env.SPOTIFY_CLIENT_ID ? 'SPOTIFY_CLIENT_SECRET' : 'SPOTIFY_CLIENT_ID';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other (both or neither)' });
    }
    // The rating store's own rules (which back end, required pairs; none configured: one line
    // saying what to set), checked last so a more specific problem is named first. its messages start with the setting's name.
    const store = ratingStoreConfigSchema.safeParse(env);
    for (const issue of store.success ? [] : store.error.issues) {
      const name = String(issue.path[0] ?? 'DATABASE_URL');
      const message = issue.message.startsWith(`${name} `) ? issue.message.slice(name.length + 1) : issue.message;
      ctx.addIssue({ code: 'custom', path: [name], message });
    }
  })
  .transform((env) => {
    // No credentials: the emulator. Credentials without URLs: the real Spotify.
    const usingEmulator = env.SPOTIFY_CLIENT_ID === undefined;
    const defaults = usingEmulator ? EMULATOR_DEFAULTS : SPOTIFY_ENDPOINTS;
    return {
      ...env,
      redis: redisSettingsOf(env),
      SPOTIFY_CLIENT_ID: env.SPOTIFY_CLIENT_ID ?? EMULATOR_DEFAULTS.clientId,
      SPOTIFY_CLIENT_SECRET: env.SPOTIFY_CLIENT_SECRET ?? EMULATOR_DEFAULTS.clientSecret,
      SPOTIFY_API_URL: env.SPOTIFY_API_URL ?? defaults.apiUrl,
      SPOTIFY_ACCOUNTS_URL: env.SPOTIFY_ACCOUNTS_URL ?? defaults.accountsUrl,
    };
  });

/** The API's settings, parsed once from the environment. */
export type ApiConfig = Readonly<z.output<typeof envSchema>>;

/** Parses the settings; throws a `ConfigError` (@albumboard/env-config) whose one line names every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv): ApiConfig {
  return Object.freeze(parseEnv(envSchema, env));
}
