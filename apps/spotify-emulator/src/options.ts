import type { Logger } from '@albumboard/observability';
import { z } from 'zod';
import {
  DEFAULT_RUNTIME_CONFIG,
  EmulatorConfigError,
  type EmulatorRuntimeConfig,
  type FaultRates,
  mergeRuntimeConfig,
  toIssues,
} from './runtime-config';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export const EMULATOR_DEFAULT_CLIENT_ID = 'albumboard-dev-client';
export const EMULATOR_DEFAULT_CLIENT_SECRET = 'albumboard-dev-secret';

/** Everything `createEmulatorApp` / `startEmulator` accept (all optional there). */
export interface EmulatorOptions extends Omit<EmulatorRuntimeConfig, 'faults'> {
  faults: Partial<FaultRates>;
  /** The only client id the token endpoint accepts. */
  clientId: string;
  /** The only client secret the token endpoint accepts. */
  clientSecret: string;
  /** Seed of the PRNG behind fault and jitter decisions. */
  seed: number;
  /** Synthetic artists `Generated Artist 0001` … added to the real catalog. */
  generatedArtists: number;
  /** Albums per synthetic artist. */
  generatedAlbumsPerArtist: number;
  /** Level of the emulator's own logger; ignored when `logger` is given. */
  logLevel: LogLevel;
  /** Where the emulator logs (its CLI passes the process's logger, pretty under `pnpm dev`); default: pino at `logLevel`. */
  logger?: Logger;
  /** Monotonic millisecond clock (tests inject a fake one). */
  now: () => number;
}

/** The options fixed for the emulator's life (the rest can be changed at run time through the control API). */
export type StaticOptions = Pick<EmulatorOptions, 'clientId' | 'clientSecret' | 'seed' | 'generatedArtists' | 'generatedAlbumsPerArtist' | 'logLevel' | 'logger' | 'now'>;

const staticSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  seed: z.number().int(),
  generatedArtists: z.number().int().min(0).max(1_000_000),
  generatedAlbumsPerArtist: z.number().int().min(1).max(50),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']),
});

const monotonicNow = (): number => performance.timeOrigin + performance.now();

/** Splits options into fixed settings and the run-time config; throws EmulatorConfigError on bad values. */
export function resolveOptions(options: Partial<EmulatorOptions> = {}): {
  fixed: StaticOptions;
  runtime: EmulatorRuntimeConfig;
} {
  const { clientId, clientSecret, seed, generatedArtists, generatedAlbumsPerArtist, logLevel, logger, now, ...runtimePatch } =
    options;
  const fixed = staticSchema.safeParse({
    clientId: clientId ?? EMULATOR_DEFAULT_CLIENT_ID,
    clientSecret: clientSecret ?? EMULATOR_DEFAULT_CLIENT_SECRET,
    seed: seed ?? 42,
    generatedArtists: generatedArtists ?? 1000,
    generatedAlbumsPerArtist: generatedAlbumsPerArtist ?? 3,
    logLevel: logLevel ?? 'silent',
  });
  if (!fixed.success) throw new EmulatorConfigError(toIssues(fixed.error));
  const runtime = mergeRuntimeConfig(DEFAULT_RUNTIME_CONFIG, runtimePatch);
  return { fixed: { ...fixed.data, logger, now: now ?? monotonicNow }, runtime };
}
