import type { Logger } from '@albumboard/observability';
import type { SpotifyCallPayload, SpotifyCallResult } from '@albumboard/queue-contracts';
import {
  CooldownStore,
  executeSpotifyMethod,
  SpotifyCooldownError,
  SpotifyError,
  SpotifyRateLimitError,
  type SpotifyClient,
} from '@albumboard/spotify-client';
import { RateLimitError, type Queue } from 'bullmq';
import type { PauseStore } from '../budget/pause-store';
import type { RedisBudgetGate } from '../budget/redis-budget-gate';
import { decideOnRateLimit } from './rate-limit-policy';
import type { UpstreamRequestCounter } from './upstream-request-counter';
import { inSpan } from '@albumboard/tracing';

export interface SpotifyCallServiceDeps {
  client: SpotifyClient;
  /** The `spotify` queue: a short 429 rate-limits it as a whole. */
  queue: Queue;
  pauses: PauseStore;
  /** Lowers the limit in force after a 429 the budget did not prevent (optional: tests may run without it). */
  gate?: Pick<RedisBudgetGate, 'lowerAfter429'>;
  cooldowns: CooldownStore;
  counter: UpstreamRequestCounter;
  maxRetryAfterMs: number;
  logger: Logger;
}

export interface CallMeta {
  jobId?: string;
}

/**
 * Runs one `spotify.call`: drops it if its deadline has passed, executes the method through the budgeted client,
 * and turns every typed failure into the result envelope. A short 429 pauses every gate, rate-limits the whole queue
 * and throws BullMQ's RateLimitError, so the job goes back to the head of the queue without using an attempt.
 */
export class SpotifyCallService {
  constructor(private readonly deps: SpotifyCallServiceDeps) {}

  /** `payload` is the job's data as it was when the worker took it: a joining caller may have raised its deadline. */
  async call(payload: SpotifyCallPayload, meta: CallMeta = {}): Promise<SpotifyCallResult> {
    const { method, deadline, requestId } = payload;
    const log = this.deps.logger.child({ jobId: meta.jobId, requestId, method });
    if (Date.now() >= deadline) {
      log.info({ deadline }, `[SPOTIFY WORKER] Deadline passed before execution: ${method}`);
      return { ok: false, error: { code: 'deadline_exceeded', message: 'Deadline passed before the Spotify call could be made' }, upstreamRequests: 0 };
    }
    log.info(`[SPOTIFY WORKER] Executing method: ${method}`);
    const tally = this.deps.counter.start(payload.priority);
    const startedAt = Date.now();
    try {
      // One span per call: its upstream HTTP requests (the http instrumentation's client spans) are its children.
      const value = await inSpan(`spotify.${method}`, { 'spotify.method': method, 'spotify.priority': payload.priority }, (span) =>
        tally.run(() => executeSpotifyMethod(this.deps.client, payload, { deadline })).finally(() => {
          span.setAttributes({ 'spotify.upstream_requests': tally.count(), 'spotify.retries': Math.max(0, tally.count() - 1) });
        }),
      );
      log.info({ upstreamRequests: tally.count(), durationMs: Date.now() - startedAt }, `[SPOTIFY WORKER] Successfully completed: ${method}`);
      return { ok: true, method, value, upstreamRequests: tally.count() } as SpotifyCallResult; // value is the result of `method`
    } catch (error) {
      if (error instanceof SpotifyRateLimitError) return this.onRateLimited(error, log, tally.count());
      if (error instanceof SpotifyCooldownError) {
        // The budget gate refuses every request during a cool-down (in the same Lua call that takes a slot).
        log.info({ retryAfterMs: error.retryAfterMs, reason: error.reason }, `[SPOTIFY WORKER] Cool-down in force, not calling Spotify: ${method}`);
        return { ok: false, error: error.toCallError(), upstreamRequests: tally.count() };
      }
      if (error instanceof SpotifyError) {
        log.warn({ code: error.code, status: error.status, upstreamRequests: tally.count() }, `[SPOTIFY WORKER] Failed: ${method}: ${error.message}`);
        return { ok: false, error: error.toCallError(), upstreamRequests: tally.count() };
      }
      log.error({ err: error }, `[SPOTIFY WORKER] Unexpected error: ${method}`);
      return { ok: false, error: { code: 'upstream_error', message: 'Unexpected error in worker-spotify' }, upstreamRequests: tally.count() };
    }
  }

  private async onRateLimited(error: SpotifyRateLimitError, log: Logger, upstreamRequests: number): Promise<SpotifyCallResult> {
    const decision = decideOnRateLimit(error, this.deps.maxRetryAfterMs);
    if (decision.action === 'cooldown') {
      await this.deps.cooldowns.set(Date.now() + decision.ms, decision.reason);
      log.warn({ event: 'upstream_rate_limited', retryAfterMs: decision.ms, reason: decision.reason }, `[SPOTIFY WORKER] Cool-down started: no Spotify calls for ${Math.ceil(decision.ms / 1000)} s`);
      const message = `Spotify calls are suspended (${decision.reason}) for ${Math.ceil(decision.ms / 1000)} s`;
      return { ok: false, error: { code: 'cooldown', message, status: 429, retryAfterMs: decision.ms, reason: decision.reason }, upstreamRequests };
    }
    const until = await this.deps.pauses.extend(decision.ms);
    await this.deps.gate?.lowerAfter429(decision.ms);
    const holdMs = Math.max(decision.ms, until - Date.now());
    await this.deps.queue.rateLimit(holdMs);
    log.warn({ event: 'upstream_rate_limited', retryAfterMs: decision.ms, holdMs }, `[SPOTIFY WORKER] 429 from Spotify: holding the spotify queue for ${holdMs} ms`);
    throw new RateLimitError();
  }
}
