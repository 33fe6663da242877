import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@albumboard/observability';
import { SpotifyCooldownError, SpotifyDeadlineError, spotifyKeys, type RequestGate, type SpotifyKeys } from '@albumboard/spotify-client';
import type { Redis } from 'ioredis';
import { AcquireStatus, ACQUIRE_SLOT_LUA } from './budget-scripts';

export interface RedisBudgetGateOptions {
  redis: Redis;
  /** QUEUE_PREFIX: the keys are `P:spotify:budget`, `P:spotify:pause-until`, `P:spotify:cooldown`. */
  prefix: string;
  /** Upstream requests allowed in any window (SPOTIFY_BUDGET_PER_30S). */
  budget: number;
  /** Window length in ms (30 000 + SPOTIFY_WINDOW_MARGIN_MS). */
  windowMs: number;
  logger?: Logger;
}

type AcquireReply = [number, number, string?];

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
 * leaves and tries again. A wait that would end after the caller's deadline throws SpotifyDeadlineError at once.
 */
export class RedisBudgetGate implements RequestGate {
  readonly keys: SpotifyKeys;

  constructor(private readonly options: RedisBudgetGateOptions) {
    this.keys = spotifyKeys(options.prefix);
  }

  async acquire(ctx: { deadline?: number } = {}): Promise<void> {
    const { budget, windowMs, redis } = this.options;
    for (;;) {
      const [status, ms, extra] = (await redis.eval(
        ACQUIRE_SLOT_LUA,
        3,
        this.keys.cooldown,
        this.keys.pauseUntil,
        this.keys.budget,
        budget,
        windowMs,
        randomUUID(),
      )) as AcquireReply;
      if (status === AcquireStatus.Granted) return;
      if (status === AcquireStatus.Cooldown) {
        const reason = cooldownReason(extra);
        throw new SpotifyCooldownError(`Spotify calls are suspended (${reason}) for another ${Math.ceil(ms / 1000)} s`, { retryAfterMs: ms, reason });
      }
      const why = status === AcquireStatus.Paused ? 'Spotify asked to wait (Retry-After)' : 'the request budget is spent';
      if (ctx.deadline !== undefined && Date.now() + ms >= ctx.deadline) {
        throw new SpotifyDeadlineError(`Deadline passed before a Spotify request could be sent: ${why}`);
      }
      this.options.logger?.debug({ waitMs: ms, status }, `Waiting ${ms} ms: ${why}`);
      await sleep(ms);
    }
  }

  /** Slots currently inside the window (for stats and tests). */
  async used(): Promise<number> {
    const [seconds, micros] = await this.options.redis.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    return this.options.redis.zcount(this.keys.budget, `(${now - this.options.windowMs}`, '+inf');
  }
}
