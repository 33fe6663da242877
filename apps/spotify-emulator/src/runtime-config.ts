import { z } from 'zod';

/** Fault kinds the emulator can inject into accepted `/v1` requests. */
export const FAULT_KINDS = ['http500', 'http502', 'http503', 'hang', 'reset', 'malformedJson'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const rate = z.number().min(0).max(1);

export const faultRatesSchema = z.strictObject({
  /** 500 with a JSON error body. */
  http500: rate,
  /** 502 with no body at all. */
  http502: rate,
  /** 503 with an empty or plain-text body (see `serviceUnavailableBody`). */
  http503: rate,
  /** Never answer; the socket stays open until the client gives up or the emulator closes. */
  hang: rate,
  /** Destroy the TCP socket without answering. */
  reset: rate,
  /** 200 with a truncated JSON body. */
  malformedJson: rate,
});
export type FaultRates = z.infer<typeof faultRatesSchema>;

const runtimeShape = {
  /** Accepted /v1 requests allowed in any rolling 30 s window; 0 = unlimited. */
  rateLimitPer30s: z.number().int().min(0),
  /** Accepted /v1 requests allowed before QUOTA_EXCEEDED; 0 = unlimited. */
  dailyQuota: z.number().int().min(0),
  /** Seconds from quota exhaustion until the quota resets (sent as Retry-After). */
  quotaRetryAfterS: z.number().int().min(1),
  latencyMs: z.number().int().min(0).max(600_000),
  /** Uniform jitter: each delay is latencyMs ± latencyJitterMs (never below 0). */
  latencyJitterMs: z.number().int().min(0).max(600_000),
  /** Lifetime of issued tokens; also the `expires_in` of the token response. */
  tokenTtlS: z.number().int().min(1),
  /** When set, every authorised /v1 request gets 429 with this Retry-After. */
  forceRetryAfterS: z.number().int().min(0).nullable(),
  /** Body of the injected 503: Envoy's plain-text line, or nothing. */
  serviceUnavailableBody: z.enum(['text', 'empty']),
  /** Add the deprecated `followers`/`genres`/`popularity` to artist objects (pre-2026 shape). */
  includeDeprecatedArtistFields: z.boolean(),
};

function faultSumAtMostOne(faults: Partial<FaultRates>, ctx: z.RefinementCtx): void {
  const sum = FAULT_KINDS.reduce((acc, kind) => acc + (faults[kind] ?? 0), 0);
  if (sum > 1 + 1e-9) {
    ctx.addIssue({ code: 'custom', path: ['faults'], message: `fault rates add up to ${sum}; they must add up to at most 1` });
  }
}

export const runtimeConfigSchema = z
  .strictObject({ ...runtimeShape, faults: faultRatesSchema })
  .superRefine((cfg, ctx) => faultSumAtMostOne(cfg.faults, ctx));
export type EmulatorRuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** Shape accepted by `PATCH /__emulator/config` and `handle.configure()`: any subset, faults merged key by key. */
export const configPatchSchema = z.strictObject({
  ...z.object(runtimeShape).partial().shape,
  faults: faultRatesSchema.partial().optional(),
});
export type EmulatorConfigPatch = z.infer<typeof configPatchSchema>;

export const DEFAULT_FAULTS: FaultRates = { http500: 0, http502: 0, http503: 0, hang: 0, reset: 0, malformedJson: 0 };

export const DEFAULT_RUNTIME_CONFIG: EmulatorRuntimeConfig = {
  rateLimitPer30s: 180,
  dailyQuota: 0,
  quotaRetryAfterS: 52_531,
  latencyMs: 0,
  latencyJitterMs: 0,
  tokenTtlS: 3600,
  forceRetryAfterS: null,
  serviceUnavailableBody: 'text',
  includeDeprecatedArtistFields: false,
  faults: DEFAULT_FAULTS,
};

export interface ConfigIssue {
  path: string;
  message: string;
}

/** Thrown by `configure()` / option parsing; `issues` name every rejected field. */
export class EmulatorConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid emulator config: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'EmulatorConfigError';
  }
}

export function toIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Validates `patch` and returns the merged config; throws EmulatorConfigError on bad input. */
export function mergeRuntimeConfig(current: EmulatorRuntimeConfig, patch: unknown): EmulatorRuntimeConfig {
  const parsedPatch = configPatchSchema.safeParse(patch);
  if (!parsedPatch.success) throw new EmulatorConfigError(toIssues(parsedPatch.error));
  const { faults, ...rest } = parsedPatch.data;
  const merged = runtimeConfigSchema.safeParse({
    ...current,
    ...definedOnly(rest),
    faults: { ...current.faults, ...definedOnly(faults ?? {}) },
  });
  if (!merged.success) throw new EmulatorConfigError(toIssues(merged.error));
  return merged.data;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
