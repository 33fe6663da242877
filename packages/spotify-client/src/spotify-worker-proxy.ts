import type { Logger } from '@albumboard/observability';
import {
  jobCatalog,
  QueueName,
  SpotifyPriority,
  spotifyCallResultSchema,
  type SpotifyCallPayload,
  type SpotifyMethodArgsInput,
  type SpotifyMethodName,
  type SpotifyMethodResult,
} from '@albumboard/queue-contracts';
import { Queue } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import { CooldownStore } from './cooldown-store';
import { spotifyCallDedupKey } from './dedup-key';
import {
  SpotifyCooldownError,
  SpotifyError,
  SpotifyQueueUnavailableError,
  SpotifyUpstreamError,
  spotifyErrorFromCallError,
} from './errors';
import { JobResultWaiters, type JobOutcome } from './job-result-waiters';
import { parseSpotifyCallPayload } from './method-args';
import type { CallOptions, SpotifyCaller } from './spotify-caller';
import { withTimeout } from './with-timeout';

export interface SpotifyWorkerProxyOptions {
  /** Producer connection; should fail fast (`enableOfflineQueue: false`, `maxRetriesPerRequest: 1`). Not closed by the proxy. */
  connection: RedisConnection;
  /** BullMQ prefix (QUEUE_PREFIX). Default `bull`. */
  prefix?: string;
  /** Used when a call gives no `timeoutMs`. */
  defaultTimeoutMs: number;
  logger?: Logger;
  /** Blocking connection for QueueEvents (`maxRetriesPerRequest: null`); by default a duplicate of `connection`, owned by the proxy. */
  queueEventsConnection?: RedisConnection;
  /** Upper bound on each Redis step of a call (cool-down read, enqueue). Default 2000 ms. */
  redisTimeoutMs?: number;
}

const JOB_NAME = 'spotify.call';

/**
 * Calls Spotify through worker-spotify: checks the cool-down, enqueues one `spotify.call` job on queue `spotify`
 * (identical concurrent calls share one job through BullMQ deduplication, and one `add` per process), and waits
 * for the result envelope through one shared QueueEvents listener.
 */
export class SpotifyWorkerProxy implements SpotifyCaller {
  private readonly queue: Queue;
  private readonly cooldowns: CooldownStore;
  private readonly waiters: JobResultWaiters;
  private readonly adding = new Map<string, Promise<string>>();
  /** Calls in flight in this process per dedup key. */
  private readonly inFlight = new Map<string, number>();
  private readonly coalesced: Partial<Record<SpotifyMethodName, number>> = {};
  private readonly logger?: Logger;
  private readonly redisTimeoutMs: number;
  private closed = false;

  constructor(private readonly options: SpotifyWorkerProxyOptions) {
    const prefix = options.prefix ?? 'bull';
    this.logger = options.logger?.child({ component: 'spotify-worker-proxy', queue: QueueName.Spotify });
    this.redisTimeoutMs = options.redisTimeoutMs ?? 2000;
    this.queue = new Queue(QueueName.Spotify, { connection: options.connection, prefix });
    this.queue.on('error', (error) => this.logger?.warn({ err: error }, 'spotify queue error'));
    this.cooldowns = new CooldownStore(options.connection, prefix);
    this.waiters = new JobResultWaiters({
      queue: this.queue,
      connection: options.connection,
      queueEventsConnection: options.queueEventsConnection,
      prefix,
      logger: this.logger,
    });
  }

  call<M extends SpotifyMethodName>(method: M, args: SpotifyMethodArgsInput<M>, options?: CallOptions): Promise<SpotifyMethodResult<M>> {
    return this.callViaWorker(method, args, options);
  }

  async callViaWorker<M extends SpotifyMethodName>(
    method: M,
    args: SpotifyMethodArgsInput<M>,
    options: CallOptions = {},
  ): Promise<SpotifyMethodResult<M>> {
    if (this.closed) throw new SpotifyQueueUnavailableError('Spotify proxy closed');
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const call = parseSpotifyCallPayload({ method, args, deadline, priority: options.priority, requestId: options.requestId });
    const cooldown = await this.redisStep(() => this.cooldowns.get(), deadline, 'read the Spotify cool-down');
    if (cooldown) {
      throw new SpotifyCooldownError(`Spotify calls are paused (${cooldown.reason})`, {
        retryAfterMs: Math.max(0, cooldown.until - Date.now()),
        reason: cooldown.reason,
      });
    }
    const key = spotifyCallDedupKey(call.method, call.args);
    const running = this.inFlight.get(key) ?? 0;
    if (running > 0) this.coalesced[call.method] = (this.coalesced[call.method] ?? 0) + 1;
    this.inFlight.set(key, running + 1);
    try {
      const jobId = await this.enqueue(key, call as SpotifyCallPayload, deadline); // M is one of the union's methods
      const outcome = await this.waiters.wait(jobId, deadline);
      return this.unwrap(call, outcome);
    } finally {
      const left = (this.inFlight.get(key) ?? 1) - 1;
      if (left > 0) this.inFlight.set(key, left);
      else this.inFlight.delete(key);
    }
  }

  coalescedCalls(): Readonly<Partial<Record<SpotifyMethodName, number>>> {
    return this.coalesced;
  }

  /** Closes the Queue and the QueueEvents listener (not the connections passed in) and rejects pending waiters. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.waiters.close();
    await this.queue.close().catch((error: unknown) => this.logger?.warn({ err: error }, 'closing the spotify queue failed'));
  }

  /** One `add` per dedup key in flight in this process; BullMQ deduplication covers other processes. */
  private enqueue(key: string, payload: SpotifyCallPayload, deadline: number): Promise<string> {
    const pending = this.adding.get(key);
    if (pending) return pending;
    const adding = this.redisStep(
      async () => {
        await this.waiters.ready();
        const job = await this.queue.add(JOB_NAME, payload, {
          ...jobCatalog[JOB_NAME].options,
          priority: payload.priority,
          deduplication: { id: key },
        });
        if (!job.id) throw new Error('BullMQ returned no job id');
        this.logger?.debug({ jobId: job.id, method: payload.method, requestId: payload.requestId }, 'spotify.call enqueued');
        return job.id;
      },
      deadline,
      'enqueue the Spotify call',
    ).finally(() => this.adding.delete(key));
    this.adding.set(key, adding);
    return adding;
  }

  /** Runs one Redis step, bounded by redisTimeoutMs and the deadline; any failure → SpotifyQueueUnavailableError. */
  private async redisStep<T>(step: () => Promise<T>, deadline: number, what: string): Promise<T> {
    const ms = Math.min(this.redisTimeoutMs, Math.max(0, deadline - Date.now()));
    try {
      return await withTimeout(step(), ms, () => new SpotifyQueueUnavailableError(`Redis did not answer in time to ${what}`));
    } catch (error) {
      if (error instanceof SpotifyError) throw error;
      this.logger?.warn({ err: error }, `could not ${what}`);
      throw new SpotifyQueueUnavailableError(`Redis unavailable: could not ${what}`);
    }
  }

  private unwrap<M extends SpotifyMethodName>(call: { method: M }, outcome: JobOutcome): SpotifyMethodResult<M> {
    if (outcome.kind === 'failed') {
      throw new SpotifyUpstreamError(`Spotify worker failed the job: ${outcome.failedReason.slice(0, 120)}`);
    }
    const envelope = spotifyCallResultSchema.safeParse(outcome.returnvalue);
    if (!envelope.success) throw new SpotifyUpstreamError('Spotify worker returned a malformed result envelope');
    if (!envelope.data.ok) throw spotifyErrorFromCallError(envelope.data.error);
    if (envelope.data.method !== call.method) throw new SpotifyUpstreamError(`Spotify worker returned a ${envelope.data.method} result for a ${call.method} call`);
    return envelope.data.value as SpotifyMethodResult<M>;
  }
}
