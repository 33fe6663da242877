import { timingSafeEqual } from 'node:crypto';
import { Catalog } from '../catalog/catalog';
import { createLogger, silentLogger, type Logger } from '@albumboard/observability';
import { type EmulatorOptions, resolveOptions, type StaticOptions } from '../options';
import { type EmulatorRuntimeConfig, type FaultKind, mergeRuntimeConfig } from '../runtime-config';
import { DailyQuota } from './daily-quota.service';
import { FaultPicker } from './fault-picker.service';
import { RollingWindow } from './rolling-window.service';
import { type EmulatorStats, StatsCollector } from './stats.service';
import { type IssuedToken, TokenStore } from './token-store.service';

/** What happens to one /v1 request, decided when it arrives. */
export type Admission =
  | { kind: 'unauthorized' }
  | { kind: 'rateLimited'; retryAfterS: number }
  | { kind: 'quotaExceeded'; retryAfterS: number }
  | { kind: 'accepted'; fault: FaultKind | null };

export type ClientCheck = 'ok' | 'unknownClient' | 'wrongSecret';

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** All mutable emulator state: config, tokens, limits, fault stream, counters and the catalog. */
export class EmulatorState {
  readonly fixed: StaticOptions;
  readonly catalog: Catalog;
  readonly log: Logger;
  private runtime: EmulatorRuntimeConfig;
  private readonly tokens = new TokenStore();
  private readonly window = new RollingWindow();
  private readonly quota = new DailyQuota();
  private readonly counters = new StatsCollector();
  private readonly faults: FaultPicker;

  constructor(options: Partial<EmulatorOptions> = {}) {
    const { fixed, runtime } = resolveOptions(options);
    this.fixed = fixed;
    this.runtime = runtime;
    this.faults = new FaultPicker(fixed.seed);
    this.catalog = new Catalog(fixed);
    this.log = fixed.logger ?? (fixed.logLevel === 'silent' ? silentLogger() : createLogger({ name: 'spotify-emulator', level: fixed.logLevel }));
  }

  now(): number {
    return this.fixed.now();
  }

  config(): EmulatorRuntimeConfig {
    return { ...this.runtime, faults: { ...this.runtime.faults } };
  }

  /** Applies a partial config (validated); throws EmulatorConfigError and changes nothing on bad input. */
  configure(patch: unknown): EmulatorRuntimeConfig {
    this.runtime = mergeRuntimeConfig(this.runtime, patch);
    return this.config();
  }

  /** Clears counters, the rolling window and the quota, and restarts the seeded PRNG; optionally revokes tokens. */
  reset(options: { tokens?: boolean } = {}): void {
    this.counters.reset();
    this.window.reset();
    this.quota.reset();
    this.faults.reseed();
    if (options.tokens) this.tokens.clear();
  }

  expireTokens(): number {
    return this.tokens.expireAll();
  }

  checkClient(clientId: string, clientSecret: string): ClientCheck {
    if (!sameText(clientId, this.fixed.clientId)) return 'unknownClient';
    return sameText(clientSecret, this.fixed.clientSecret) ? 'ok' : 'wrongSecret';
  }

  issueToken(): IssuedToken {
    return this.tokens.issue(this.now(), this.runtime.tokenTtlS);
  }

  tokenRequest(ok: boolean): void {
    this.counters.tokenRequest(ok);
  }

  /** Auth, forced 429, quota, rolling window, then the fault draw; accepted requests are counted. */
  admit(token: string | null): Admission {
    const now = this.now();
    const cfg = this.runtime;
    if (token === null || !this.tokens.isValid(token, now)) {
      this.counters.unauthorized();
      return { kind: 'unauthorized' };
    }
    if (cfg.forceRetryAfterS !== null) {
      this.counters.rateLimited();
      return { kind: 'rateLimited', retryAfterS: cfg.forceRetryAfterS };
    }
    const quota = this.quota.check(now, cfg.dailyQuota, cfg.quotaRetryAfterS);
    if (!quota.allowed) {
      this.counters.quotaExceeded();
      return { kind: 'quotaExceeded', retryAfterS: quota.retryAfterS };
    }
    const window = this.window.check(now, cfg.rateLimitPer30s);
    if (!window.allowed) {
      this.counters.rateLimited();
      return { kind: 'rateLimited', retryAfterS: window.retryAfterS };
    }
    this.window.record(now);
    this.quota.record();
    this.counters.accepted();
    const fault = this.faults.pick(cfg.faults);
    if (fault) this.counters.fault(fault);
    return { kind: 'accepted', fault };
  }

  nextLatencyMs(): number {
    return this.faults.latency(this.runtime.latencyMs, this.runtime.latencyJitterMs);
  }

  /** Request lifecycle hooks for the /v1 gate. */
  beginRequest(endpoint: string): () => void {
    return this.counters.begin(endpoint);
  }

  finishRequest(endpoint: string, status: number, malformed: boolean): void {
    this.counters.finished(endpoint, status, malformed);
  }

  stats(): EmulatorStats {
    const now = this.now();
    return this.counters.snapshot({
      maxPer30s: this.window.maxCount,
      inWindow: this.window.count(now),
      quotaUsed: this.quota.used,
      tokensActive: this.tokens.activeCount(now),
    });
  }
}
