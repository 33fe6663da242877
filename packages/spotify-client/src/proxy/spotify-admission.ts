import { opsKeys } from '@albumboard/observability';
import { SpotifyPriority, SPOTIFY_METHOD_NAMES, spotifyMethodCost, type SpotifyMethodName } from '@albumboard/queue-contracts';
import type { Queue } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import { ADMISSION_LUA, AdmissionStatus, BusyReason } from './admission-script';
import { spotifyKeys, type SpotifyKeys } from '../spotify-keys';

/** Jobs ahead whose method the admission script reads; past it, their mean cost is assumed. */
const MAX_JOBS_READ = 50;

/** The prediction behind a decision. */
export interface AdmissionPrediction {
  /** Predicted wait until the call's answer: its last upstream request's slot plus Spotify's typical response time. */
  waitMs: number;
  /** The part of `waitMs` spent waiting in the queue, before the call's last upstream request may go. */
  queueWaitMs: number;
  requestsAhead: number;
  used: number;
  limit: number;
  /** The BullMQ priority the call is queued at: its class's, plus its client's calls already waiting (its turn). */
  priority: number;
}

/** One call as admission sees it. */
export interface AdmissionRequest {
  method: SpotifyMethodName;
  /** The caller's priority class (SpotifyPriority). */
  priority: number;
  dedupId: string;
  /** Epoch ms (this process's clock) by which the call's answer must come. */
  deadline: number;
  /** The client the call is for (fair share); none: no turn is kept. */
  client?: string;
  /** The id the job will be added with (the client's turn is recorded under it). */
  jobId: string;
}

/** What admission decided for one call. */
export type Admission =
  | ({ kind: 'admit' } & AdmissionPrediction)
  /**
   * Refused at once: its answer would come after its deadline (`deadline`), or it would wait in the queue longer than
   * the queue-delay target (`queue-delay`). `retryAfterMs`: the predicted wait, or how long until the queue ahead of it
   * has drained to the target.
   */
  | ({ kind: 'busy'; why: 'deadline' | 'queue-delay'; retryAfterMs: number } & AdmissionPrediction)
  /** An identical call is in flight: join that job. */
  | { kind: 'join'; jobId: string }
  | { kind: 'cooldown'; retryAfterMs: number; reason: string };

type Reply = [number, number, (string | number)?, number?, number?, number?, number?, number?];

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
 * the client's calls already waiting (its turn), the jobs ahead at that priority or higher and the upstream requests
 * they need, the rolling window's slots, the limit in force (adaptive), the Retry-After pause and Spotify's typical
 * response time; predicts when the call could have its answer, and admits it only if that is before its deadline and
 * its wait in the queue within the queue-delay target.
 */
export class SpotifyAdmission {
  private readonly keys: SpotifyKeys;
  private readonly budgetConfigKey: string;
  private readonly costArgs: (string | number)[];

  /**
   * `queueDelayTargetMs`: the longest an interactive call (priority above SpotifyPriority.Background) may be predicted
   * to wait in the queue (SPOTIFY_QUEUE_DELAY_TARGET_MS); undefined: only its deadline bounds it. Background calls
   * keep the deadline rule alone: they wait behind every interactive call and take their share in the gate.
   */
  constructor(
    private readonly redis: RedisConnection,
    private readonly queue: Queue,
    prefix: string,
    private readonly queueDelayTargetMs?: number,
  ) {
    this.keys = spotifyKeys(prefix);
    this.budgetConfigKey = opsKeys(prefix).spotifyBudgetConfig;
    this.costArgs = SPOTIFY_METHOD_NAMES.flatMap((method) => [method, spotifyMethodCost(method)]);
  }

  async admit(call: AdmissionRequest): Promise<Admission> {
    const k = this.queue.keys;
    const target = call.priority < SpotifyPriority.Background ? this.queueDelayTargetMs : undefined;
    const reply = (await this.redis.eval(
      ADMISSION_LUA,
      12,
      this.keys.cooldown,
      this.keys.pauseUntil,
      this.keys.budget,
      this.keys.adaptive,
      this.budgetConfigKey,
      k.wait,
      k.prioritized,
      k.active,
      `${k.de}:${call.dedupId}`,
      this.keys.upstreamLatency,
      // A key in the deployment's hash slot either way (Redis Cluster refuses a script whose keys span slots).
      this.keys.clientTurns(call.client ?? ''),
      this.keys.clients,
      this.queue.toKey(''),
      call.priority,
      spotifyMethodCost(call.method),
      MAX_JOBS_READ,
      Math.max(0, Math.floor(call.deadline - Date.now())),
      target ?? -1,
      call.jobId,
      SpotifyPriority.Background,
      call.client ?? '',
      ...this.costArgs,
    )) as Reply;
    const [status, ms, third, used, limit, queueWaitMs, priority, reason] = reply;
    if (status === AdmissionStatus.Cooldown) return { kind: 'cooldown', retryAfterMs: ms, reason: cooldownReason(third) };
    if (status === AdmissionStatus.Join) return { kind: 'join', jobId: String(third) };
    const prediction: AdmissionPrediction = {
      waitMs: ms,
      queueWaitMs: queueWaitMs ?? 0,
      requestsAhead: Number(third ?? 0),
      used: used ?? 0,
      limit: limit ?? 0,
      priority: priority ?? call.priority,
    };
    if (status === AdmissionStatus.Admitted) return { kind: 'admit', ...prediction };
    // Retry-After: until the queue ahead has drained to the target (0 for a client over its share), at least 1 s.
    if (reason === BusyReason.QueueDelay) return { kind: 'busy', why: 'queue-delay', retryAfterMs: Math.max(1000, prediction.queueWaitMs - (target ?? 0)), ...prediction };
    return { kind: 'busy', why: 'deadline', retryAfterMs: prediction.waitMs, ...prediction };
  }
}
