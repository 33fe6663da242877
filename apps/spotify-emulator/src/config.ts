import { envBoolean, envPort, parseEnv, presentEnv } from '@albumboard/env-config';
import { z } from 'zod';
import type { EmulatorOptions } from './options';

/**
 * CLI configuration from the environment, parsed once at boot. Nothing else in the package reads
 * process.env. Empty strings count as unset.
 */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const rate = z.coerce.number().min(0).max(1);

const envSchema = z.object({
  EMULATOR_PORT: envPort.default(4010),
  EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  EMULATOR_CLIENT_ID: z.string().min(1).optional(),
  EMULATOR_CLIENT_SECRET: z.string().min(1).optional(),
  EMULATOR_RATE_LIMIT_PER_30S: int(0).optional(),
  EMULATOR_DAILY_QUOTA: int(0).optional(),
  EMULATOR_QUOTA_RETRY_AFTER_S: int(1).optional(),
  EMULATOR_LATENCY_MS: int(0, 600_000).optional(),
  EMULATOR_LATENCY_JITTER_MS: int(0, 600_000).optional(),
  EMULATOR_TOKEN_TTL_S: int(1).optional(),
  EMULATOR_FORCE_RETRY_AFTER_S: int(0).optional(),
  EMULATOR_SEED: z.coerce.number().int().optional(),
  EMULATOR_GENERATED_ARTISTS: int(0, 1_000_000).optional(),
  EMULATOR_GENERATED_ALBUMS_PER_ARTIST: int(1, 50).optional(),
  EMULATOR_FAULT_500_RATE: rate.optional(),
  EMULATOR_FAULT_502_RATE: rate.optional(),
  EMULATOR_FAULT_503_RATE: rate.optional(),
  EMULATOR_FAULT_HANG_RATE: rate.optional(),
  EMULATOR_FAULT_RESET_RATE: rate.optional(),
  EMULATOR_FAULT_MALFORMED_JSON_RATE: rate.optional(),
  EMULATOR_503_BODY: z.enum(['text', 'empty']).optional(),
  EMULATOR_DEPRECATED_ARTIST_FIELDS: envBoolean.optional(),
  EMULATOR_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Human-readable log lines, as the apps under `pnpm dev` (which sets it for every process). */
  LOG_PRETTY: envBoolean.default(false),
});

export interface CliConfig {
  port: number;
  host: string;
  options: Partial<EmulatorOptions>;
  logPretty: boolean;
}

/** Parses the environment; throws a ConfigError whose one line names the bad settings. */
export function loadConfig(env: NodeJS.ProcessEnv): CliConfig {
  const e = parseEnv(envSchema, presentEnv(env, (name) => name.startsWith('EMULATOR_') || name === 'LOG_PRETTY'));
  return {
    port: e.EMULATOR_PORT,
    host: e.EMULATOR_HOST,
    logPretty: e.LOG_PRETTY,
    options: {
      clientId: e.EMULATOR_CLIENT_ID,
      clientSecret: e.EMULATOR_CLIENT_SECRET,
      rateLimitPer30s: e.EMULATOR_RATE_LIMIT_PER_30S,
      dailyQuota: e.EMULATOR_DAILY_QUOTA,
      quotaRetryAfterS: e.EMULATOR_QUOTA_RETRY_AFTER_S,
      latencyMs: e.EMULATOR_LATENCY_MS,
      latencyJitterMs: e.EMULATOR_LATENCY_JITTER_MS,
      tokenTtlS: e.EMULATOR_TOKEN_TTL_S,
      forceRetryAfterS: e.EMULATOR_FORCE_RETRY_AFTER_S,
      seed: e.EMULATOR_SEED,
      generatedArtists: e.EMULATOR_GENERATED_ARTISTS,
      generatedAlbumsPerArtist: e.EMULATOR_GENERATED_ALBUMS_PER_ARTIST,
      serviceUnavailableBody: e.EMULATOR_503_BODY,
      includeDeprecatedArtistFields: e.EMULATOR_DEPRECATED_ARTIST_FIELDS,
      logLevel: e.EMULATOR_LOG_LEVEL,
      faults: {
        http500: e.EMULATOR_FAULT_500_RATE,
        http502: e.EMULATOR_FAULT_502_RATE,
        http503: e.EMULATOR_FAULT_503_RATE,
        hang: e.EMULATOR_FAULT_HANG_RATE,
        reset: e.EMULATOR_FAULT_RESET_RATE,
        malformedJson: e.EMULATOR_FAULT_MALFORMED_JSON_RATE,
      },
    },
  };
}
