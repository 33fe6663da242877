import { EMULATOR_DEFAULTS, SPOTIFY_ENDPOINTS } from '@albumboard/spotify-client';
import { refineRedisEnv } from '@albumboard/redis-connection';
import { envBoolean, parseEnv } from '@albumboard/env-config';
import { describeWorkerSettings, workerEnvShape, workerSettingsOf, type WorkerSettings } from '@albumboard/worker-runtime';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const envSchema = z
  .object({
    ...workerEnvShape,
    SPOTIFY_CLIENT_ID: z.string().min(1).optional(),
    SPOTIFY_CLIENT_SECRET: z.string().min(1).optional(),
    SPOTIFY_API_URL: httpUrl.optional(),
    SPOTIFY_ACCOUNTS_URL: httpUrl.optional(),
    /** Upstream HTTP requests (each page, each retry) allowed in any rolling 30 s window, across all processes. */
    SPOTIFY_BUDGET_PER_30S: positiveInt.default(150),
    /** Requests in flight across all processes (= jobs active across the queue). */
    SPOTIFY_CONCURRENCY: positiveInt.max(100).default(4),
    /** A 429 whose Retry-After is longer than this (or a QUOTA_EXCEEDED) starts a cool-down instead of holding the queue. */
    SPOTIFY_MAX_RETRY_AFTER_S: positiveInt.default(60),
    /**
     * Added to the 30 s window the budget counts over. A slot is stamped (Redis TIME) when the gate grants it, but the
     * request reaches Spotify a little later (token, socket, network); a slot freed exactly 30 s after its stamp could let
     * a new request arrive less than 30 s after the old one arrived. The margin absorbs that skew.
     */
    SPOTIFY_WINDOW_MARGIN_MS: z.coerce.number().int().min(0).max(30_000).default(1000),
    SPOTIFY_REQUEST_TIMEOUT_MS: positiveInt.max(120_000).default(5000),
    /**
     * Stalled-job recovery (docs/reliability.md). A job's lock lasts this long and is renewed every half of it; when
     * worker-spotify dies mid-job (SIGKILL, OOM) the lock lapses and the next stalled check (every
     * SPOTIFY_STALLED_INTERVAL_MS, by any live worker-spotify) hands the job back: recovery within about their sum.
     * Spotify calls are short (bounded by the caller's deadline), so these are tighter than the other workers'.
     */
    SPOTIFY_JOB_LOCK_MS: z.coerce.number().int().min(2_000).max(120_000).default(5_000),
    SPOTIFY_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(60_000).default(2_000),
    /** Most of a window background calls take while interactive calls wait (all the spare budget when none do). */
    SPOTIFY_BACKGROUND_SHARE: z.coerce.number().min(0).max(1).default(0.2),
    /** Learn a lower real limit from 429s and probe back up (see RedisBudgetGate). */
    SPOTIFY_ADAPTIVE_BUDGET: envBoolean.default(true),
  })
  .superRefine((env, ctx) => {
    refineRedisEnv(env, ctx);
    if (env.SPOTIFY_STALLED_INTERVAL_MS >= env.SPOTIFY_JOB_LOCK_MS) {
      ctx.addIssue({ code: 'custom', path: ['SPOTIFY_STALLED_INTERVAL_MS'], message: 'must be shorter than SPOTIFY_JOB_LOCK_MS' });
    }
    if ((env.SPOTIFY_CLIENT_ID === undefined) !== (env.SPOTIFY_CLIENT_SECRET === undefined)) {
      const missing = env.SPOTIFY_CLIENT_ID === undefined ? 'SPOTIFY_CLIENT_ID' : 'SPOTIFY_CLIENT_SECRET';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'set both SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET, or neither (emulator)' });
    }
  });

export interface SpotifyWorkerConfig extends WorkerSettings {
  spotify: {
    clientId: string;
    clientSecret: string;
    apiUrl: string;
    accountsUrl: string;
    requestTimeoutMs: number;
    /** True when no credentials were set and the emulator defaults apply. */
    usingEmulator: boolean;
  };
  budgetPer30s: number;
  concurrency: number;
  maxRetryAfterMs: number;
  /** 30 000 + SPOTIFY_WINDOW_MARGIN_MS. */
  budgetWindowMs: number;
  /** BullMQ lock and stalled-check settings of the spotify queue's worker (SPOTIFY_JOB_LOCK_MS, SPOTIFY_STALLED_INTERVAL_MS). */
  stalledJobs: { lockDuration: number; stalledInterval: number; maxStalledCount: number };
  /** SPOTIFY_ADAPTIVE_BUDGET. */
  adaptiveBudget: boolean;
  /** SPOTIFY_BACKGROUND_SHARE. */
  backgroundShare: number;
}

/** Parses worker-spotify's settings from `env`; throws a ConfigError (one line naming the setting) when one is bad. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): SpotifyWorkerConfig {
  const e = parseEnv(envSchema, env);
  const usingEmulator = e.SPOTIFY_CLIENT_ID === undefined;
  return {
    ...workerSettingsOf(e),
    spotify: {
      clientId: e.SPOTIFY_CLIENT_ID ?? EMULATOR_DEFAULTS.clientId,
      clientSecret: e.SPOTIFY_CLIENT_SECRET ?? EMULATOR_DEFAULTS.clientSecret,
      apiUrl: e.SPOTIFY_API_URL ?? (usingEmulator ? EMULATOR_DEFAULTS.apiUrl : SPOTIFY_ENDPOINTS.apiUrl),
      accountsUrl: e.SPOTIFY_ACCOUNTS_URL ?? (usingEmulator ? EMULATOR_DEFAULTS.accountsUrl : SPOTIFY_ENDPOINTS.accountsUrl),
      requestTimeoutMs: e.SPOTIFY_REQUEST_TIMEOUT_MS,
      usingEmulator,
    },
    budgetPer30s: e.SPOTIFY_BUDGET_PER_30S,
    concurrency: e.SPOTIFY_CONCURRENCY,
    maxRetryAfterMs: e.SPOTIFY_MAX_RETRY_AFTER_S * 1000,
    budgetWindowMs: 30_000 + e.SPOTIFY_WINDOW_MARGIN_MS,
    // maxStalledCount 1: a job that stalls twice (it crashes its worker) is failed rather than run a third time.
    stalledJobs: { lockDuration: e.SPOTIFY_JOB_LOCK_MS, stalledInterval: e.SPOTIFY_STALLED_INTERVAL_MS, maxStalledCount: 1 },
    adaptiveBudget: e.SPOTIFY_ADAPTIVE_BUDGET,
    backgroundShare: e.SPOTIFY_BACKGROUND_SHARE,
  };
}

/** The config without secrets, for the start-up log line. */
export function describeConfig(config: SpotifyWorkerConfig): Record<string, unknown> {
  const { clientSecret: _secret, ...spotify } = config.spotify;
  return { ...describeWorkerSettings(config), spotify: { ...spotify, clientSecret: '[redacted]' } };
}
