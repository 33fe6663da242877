import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@albumboard/observability';
import { QueueName, SpotifyPriority } from '@albumboard/queue-contracts';
import type { RedisConnection } from '@albumboard/redis-connection';
import { SpotifyBusyError, SpotifyCooldownError, spotifyKeys, type GateContext, type RequestGate, type SpotifyKeys } from '@albumboard/spotify-client';
import { AcquireStatus, ACQUIRE_SLOT_LUA, LOWER_LIMIT_LUA } from './budget-scripts';
import { inSpan, spanEvent } from '@albumboard/tracing';

export interface RedisBudgetGateOptions {
  redis: RedisConnection;
  /** QUEUE_PREFIX: the keys are `P:spotify:budget`, `P:spotify:pause-until`, `P:spotify:cooldown`. */
  prefix: string;
  /** Upstream requests allowed in any window (SPOTIFY_BUDGET_PER_30S). */
  budget: number;
  /** Window length in ms (30 000 + SPOTIFY_WINDOW_MARGIN_MS). */
  windowMs: number;
  /**
   * Learn Spotify's real limit from 429s (SPOTIFY_ADAPTIVE_BUDGET, default on): after a rate-limit 429 the limit in
   * force drops to 90 % of what was sent in the window, then grows by 5 % of the budget per window without a 429.
   */
  adaptive?: boolean;
  /**
   * Most of the limit background calls (priority ≥ SpotifyPriority.Background) take in a window while interactive
   * calls wait (SPOTIFY_BACKGROUND_SHARE, default 0.2); with none waiting they may use every spare slot.
   */
  backgroundShare?: number;
  /**
   * BullMQ's `prioritized` key of the `spotify` queue (`queue.keys.prioritized`): interactive jobs queued there wait
   * too. Default: BullMQ's own layout, `P:spotify:prioritized`.
   */
  prioritizedKey?: string;
  /**
   * Spotify's typical response time (UpstreamLatencyTracker): a wait is worth it only if the answer, not just the
   * request, can still come before the caller's deadline. Without it, the request is what must fit.
   */
  latency?: { typicalMs(): number };
  logger?: Logger;
}

/** Share of the requests sent in the window that the adaptive limit keeps after a 429 (per mille). */
const ADAPTIVE_FACTOR_PER_MILLE = 900;
/** Share of the budget the adaptive limit grows by per probe interval. */
const ADAPTIVE_PROBE_SHARE = 0.05;

type AcquireReply = [number, number, string?];

/**
 * Waiting interactive calls are served by priority (admission gives each call its client's turn as its priority),
 * then earliest deadline first: the order score is `priority × 2^42 + deadline` (epoch ms < 2^42 until the year 2109;
 * exact in a double up to priority 2^11). A call without a deadline is ordered last of its priority.
 */
const DEADLINE_SPAN = 2 ** 42;
function orderScore(ctx: GateContext): number {
  const deadline = ctx.deadline === undefined ? DEADLINE_SPAN - 1 : Math.min(Math.round(ctx.deadline), DEADLINE_SPAN - 1);
  return (ctx.priority ?? SpotifyPriority.Interactive) * DEADLINE_SPAN + deadline;
}

function cooldownReason(raw: string | undefined): string {
  try {
    const parsed = JSON.parse(raw ?? '') as { reason?: unknown };
    return typeof parsed.reason === 'string' ? parsed.reason : 'UNKNOWN';
  } catch {
    return 'UNKNOWN';
  }
}

/**
 * The Spotify request budget, shared by every worker-spotify process through Redis. `acquire` is called by the
 * Spotify client before EVERY Web API request (each page, each retry). One atomic Lua call: a cool-down refuses
 * (SpotifyCooldownError), a Retry-After pause makes the caller wait, otherwise a slot is taken from a rolling-window
 * sorted set if fewer than `budget` slots are younger than `windowMs`, else the caller waits until the oldest slot
 * leaves and tries again. A wait after which the answer could not come before the caller's deadline throws
 * SpotifyBusyError at once (the call is dropped without a request). Background calls yield to interactive ones beyond
 * their share, and waiting interactive calls are served by priority — their client's turn — then earliest deadline
 * first (see the script).
 */
export class RedisBudgetGate implements RequestGate {
  readonly keys: SpotifyKeys;

  constructor(private readonly options: RedisBudgetGateOptions) {
    this.keys = spotifyKeys(options.prefix);
  }

  /** Waits for a slot of the rolling window (a span `spotify.budget.wait`: how long, and why). */
  acquire(ctx: GateContext = {}): Promise<void> {
    return inSpan('spotify.budget.wait', { 'spotify.priority': ctx.priority ?? SpotifyPriority.Interactive }, async (span) => {
      const started = Date.now();
      try {
        await this.acquireSlot(ctx, (waitMs, why) => span.addEvent(why, { wait_ms: waitMs }));
      } finally {
        span.setAttribute('budget.waited_ms', Date.now() - started);
      }
    });
  }

  private async acquireSlot(ctx: GateContext, onWait: (waitMs: number, why: string) => void): Promise<void> {
    const { budget, windowMs, redis } = this.options;
    const background = (ctx.priority ?? SpotifyPriority.Interactive) >= SpotifyPriority.Background;
    const waiterId = randomUUID();
    // Set once an interactive attempt was refused: the script registered this waiter then (or, when it only left the
    // slot to an earlier deadline, did not, and the unregistering ZREMs find nothing).
    let registered = false;
    for (;;) {
      const [status, ms, extra] = (await redis.eval(
        ACQUIRE_SLOT_LUA,
        8,
        this.keys.cooldown,
        this.keys.pauseUntil,
        this.keys.budget,
        this.keys.adaptive,
        this.keys.backgroundBudget,
        this.keys.interactiveWaiting,
        this.options.prioritizedKey ?? `${this.options.prefix}:${QueueName.Spotify}:prioritized`,
        this.keys.interactiveOrder,
        budget,
        windowMs,
        randomUUID(),
        this.probeStep(),
        windowMs,
        background ? '1' : '0',
        Math.round((this.options.backgroundShare ?? 0.2) * 1000),
        waiterId,
        SpotifyPriority.Background,
        registered ? '1' : '0',
        orderScore(ctx),
      )) as AcquireReply;
      if (status === AcquireStatus.Granted) return;
      if (status === AcquireStatus.Cooldown) {
        const reason = cooldownReason(extra);
        spanEvent('spotify.cooldown.refused', { reason, retry_after_ms: ms });
        throw new SpotifyCooldownError(`Spotify calls are suspended (${reason}) for another ${Math.ceil(ms / 1000)} s`, { retryAfterMs: ms, reason });
      }
      if (status === AcquireStatus.BudgetFull && !background) registered = true;
      const why = status === AcquireStatus.Paused ? 'Spotify asked to wait (Retry-After)' : 'the request budget is spent';
      if (ctx.deadline !== undefined && Date.now() + ms + (this.options.latency?.typicalMs() ?? 0) >= ctx.deadline) {
        if (registered) await this.forget(waiterId);
        throw new SpotifyBusyError(`The call's budget slot would come after its deadline: ${why}`, { retryAfterMs: ms });
      }
      this.options.logger?.debug({ waitMs: ms, status }, `Waiting ${ms} ms: ${why}`);
      onWait(ms, status === AcquireStatus.Paused ? 'spotify.pause' : 'spotify.budget.spent');
      await sleep(ms);
    }
  }

  /**
   * Called after a rate-limit 429 (not the quota): lowers the limit in force to what Spotify evidently allows.
   * Returns the new limit, or null when adaptation is off or the window held too few requests to learn from.
   */
  async lowerAfter429(retryAfterMs: number): Promise<number | null> {
    if (this.options.adaptive === false) return null;
    const { budget, windowMs, redis } = this.options;
    const limit = Number(
      await redis.eval(LOWER_LIMIT_LUA, 2, this.keys.budget, this.keys.adaptive, budget, windowMs, ADAPTIVE_FACTOR_PER_MILLE, 1, Math.ceil(retryAfterMs), windowMs),
    );
    if (limit <= 0) return null;
    this.options.logger?.warn({ limit, budget }, `Spotify refused within the budget: limiting to ${limit} requests per window, probing up again later`);
    return limit;
  }

  /** The limit in force: the adaptive one while recorded, else the configured budget. */
  async currentLimit(): Promise<number> {
    const learned = Number(await this.options.redis.hget(this.keys.adaptive, 'limit'));
    return learned > 0 && learned < this.options.budget ? learned : this.options.budget;
  }

  /** An interactive call leaving without a slot stops counting as waiting. */
  private async forget(waiterId: string): Promise<void> {
    await Promise.all([this.options.redis.zrem(this.keys.interactiveWaiting, waiterId), this.options.redis.zrem(this.keys.interactiveOrder, waiterId)]);
  }

  private probeStep(): number {
    return Math.max(1, Math.round(this.options.budget * ADAPTIVE_PROBE_SHARE));
  }

  /** Slots currently inside the window (for stats and tests). */
  async used(): Promise<number> {
    const [seconds, micros] = await this.options.redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    return this.options.redis.zcount(this.keys.budget, `(${now - this.options.windowMs}`, '+inf');
  }
}
