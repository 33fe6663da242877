import { parseStoredJson } from '@albumboard/observability';
import type { RedisConnection } from '@albumboard/redis-connection';
import { z } from 'zod';
import { spotifyKeys } from './spotify-keys';

/** A deployment-wide pause on Spotify calls (daily quota exhausted, or a Retry-After too long to hold the queue). */
export interface Cooldown {
  until: number;
  reason: string;
  setAt: number;
}

const cooldownSchema = z.object({ until: z.number().int(), reason: z.string(), setAt: z.number().int() });

/**
 * The cool-down record at `P:spotify:cooldown`: worker-spotify writes it, every caller reads it before
 * enqueueing. Redis expires it (PX) when it ends.
 */
export class CooldownStore {
  private readonly key: string;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string,
  ) {
    this.key = spotifyKeys(prefix).cooldown;
  }

  /** The active cool-down, or null when there is none, it has ended, or the stored value is unreadable. */
  async get(): Promise<Cooldown | null> {
    const parsed = cooldownSchema.safeParse(parseStoredJson(await this.redis.get(this.key)));
    if (!parsed.success || parsed.data.until <= Date.now()) return null;
    return parsed.data;
  }

  /** Starts (or replaces) a cool-down until `untilMs` (epoch ms). A time already past clears it. */
  async set(untilMs: number, reason: string): Promise<void> {
    const now = Date.now();
    const until = Math.ceil(untilMs);
    if (until <= now) {
      await this.clear();
      return;
    }
    const value: Cooldown = { until, reason, setAt: now };
    await this.redis.set(this.key, JSON.stringify(value), 'PX', until - now);
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
