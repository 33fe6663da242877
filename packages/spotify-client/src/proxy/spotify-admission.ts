import { opsKeys } from '@albumboard/observability';
import { SPOTIFY_METHOD_NAMES, spotifyMethodCost, type SpotifyMethodName } from '@albumboard/queue-contracts';
import type { Queue } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import { ADMISSION_LUA, AdmissionStatus } from './admission-script';
import { spotifyKeys, type SpotifyKeys } from '../spotify-keys';

/** Jobs ahead whose method the admission script reads; past it, their mean cost is assumed. */
const MAX_JOBS_READ = 50;

/** What admission decided for one call. */
export type Admission =
  /** Predicted wait until the call's answer: its last upstream request's slot plus Spotify's typical response time. */
  | { kind: 'predicted'; waitMs: number; requestsAhead: number; used: number; limit: number }
  /** An identical call is in flight: join that job. */
  | { kind: 'join'; jobId: string }
  | { kind: 'cooldown'; retryAfterMs: number; reason: string };

type Reply = [number, number, (string | number)?, number?, number?];

function cooldownReason(raw: string | number | undefined): string {
  try {
    const parsed = JSON.parse(String(raw)) as { reason?: unknown };
    return typeof parsed.reason === 'string' ? parsed.reason : 'UNKNOWN';
  } catch {
    return 'UNKNOWN';
  }
}

/**
 * Admission before enqueue: one Lua call reads the cool-down, the identical job in flight (BullMQ deduplication key),
 * the jobs ahead at the call's priority or higher and the upstream requests they need, the rolling window's slots,
 * the limit in force (adaptive), the Retry-After pause and Spotify's typical response time, and predicts when the
 * call could have its answer.
 */
export class SpotifyAdmission {
  private readonly keys: SpotifyKeys;
  private readonly budgetConfigKey: string;
  private readonly costArgs: (string | number)[];

  constructor(
    private readonly redis: RedisConnection,
    private readonly queue: Queue,
    prefix: string,
  ) {
    this.keys = spotifyKeys(prefix);
    this.budgetConfigKey = opsKeys(prefix).spotifyBudgetConfig;
    this.costArgs = SPOTIFY_METHOD_NAMES.flatMap((method) => [method, spotifyMethodCost(method)]);
  }

  async admit(method: SpotifyMethodName, priority: number, dedupId: string): Promise<Admission> {
    const k = this.queue.keys;
    const reply = (await this.redis.eval(
      ADMISSION_LUA,
      10,
      this.keys.cooldown,
      this.keys.pauseUntil,
      this.keys.budget,
      this.keys.adaptive,
      this.budgetConfigKey,
      k.wait,
      k.prioritized,
      k.active,
      `${k.de}:${dedupId}`,
      this.keys.upstreamLatency,
      this.queue.toKey(''),
      priority,
      spotifyMethodCost(method),
      MAX_JOBS_READ,
      ...this.costArgs,
    )) as Reply;
    const [status, ms, third, used, limit] = reply;
    if (status === AdmissionStatus.Cooldown) return { kind: 'cooldown', retryAfterMs: ms, reason: cooldownReason(third) };
    if (status === AdmissionStatus.Join) return { kind: 'join', jobId: String(third) };
    return { kind: 'predicted', waitMs: ms, requestsAhead: Number(third ?? 0), used: used ?? 0, limit: limit ?? 0 };
  }
}
