import { spotifyKeys } from '@albumboard/spotify-client';
import type { RedisConnection } from '@albumboard/redis-connection';
import { EXTEND_PAUSE_LUA } from './budget-scripts';

/** `P:spotify:pause-until`: a short deployment-wide pause after a 429, read by every gate before every request. */
export class PauseStore {
  private readonly key: string;

  constructor(
    private readonly redis: RedisConnection,
    prefix: string,
  ) {
    this.key = spotifyKeys(prefix).pauseUntil;
  }

  /** Pauses for `ms` from now (Redis clock) unless a longer pause is on; returns the pause's end in epoch ms. */
  async extend(ms: number): Promise<number> {
    return Number(await this.redis.eval(EXTEND_PAUSE_LUA, 1, this.key, Math.max(1, Math.ceil(ms))));
  }

  /** The pause's end in epoch ms, or null when there is none. */
  async get(): Promise<number | null> {
    const raw = await this.redis.get(this.key);
    return raw === null ? null : Number(raw);
  }
}
