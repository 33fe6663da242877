import { randomUUID } from 'node:crypto';
import type { Logger } from '@albumboard/observability';
import {
  jobCatalog,
  QueueName,
  queueOptionsFor,
  SpotifyPriority,
  spotifyCallResultSchema,
  type SpotifyCallPayload,
  type SpotifyMethodArgsInput,
  type SpotifyMethodName,
  type SpotifyMethodResult,
} from '@albumboard/queue-contracts';
import { Queue } from 'bullmq';
import { type MemoryRelief, type RedisConnection, retryOnceAfterOutOfMemory, withTimeout } from '@albumboard/redis-connection';
import { spotifyCallDedupKey } from './dedup-key';
import {
  SpotifyBusyError,
  SpotifyCooldownError,
  SpotifyError,
  SpotifyQueueUnavailableError,
  SpotifyUpstreamError,
  SpotifyWorkerUnavailableError,
  spotifyErrorFromCallError,
} from '../errors';
import { JobJoiner } from './job-joiner';
import { JobResultWaiters, type JobOutcome } from './job-result-waiters';
import { parseSpotifyCallPayload } from '../method-args';
import { SpotifyAdmission } from './spotify-admission';
import type { CallerStage, CallOptions, SpotifyCaller } from '../spotify-caller';
import { WorkerPresence } from './worker-presence';
import { queueTelemetry } from '@albumboard/tracing';
import { inSpan, spanEvent } from '@albumboard/tracing';

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
  /**
   * Frees memory when adding the job meets OOM (Redis full under `noeviction`): the api passes the search cache's
   * `shed`, so a search still goes through; the add is then tried once more.
   */
  relieveMemory?: MemoryRelief;
  /**
   * The longest an interactive call may be predicted to wait in the queue before its last upstream request
   * (SPOTIFY_QUEUE_DELAY_TARGET_MS); a call predicted to wait longer is refused at once as busy. Unset: only the
   * call's deadline bounds its wait.
   */
  queueDelayTargetMs?: number;
}

const JOB_NAME = 'spotify.call';
/** Retry-After given when no worker-spotify listens: about the time one takes to start. */
export const NO_WORKER_RETRY_AFTER_MS = 5000;

/** The job a call waits for, and whether another caller created it. */
interface Enqueued {
  jobId: string;
  /** The deadline and priority the job was created (or last joined) with by this process. */
  deadline: number;
  priority: number;
  joined: boolean;
}

/**
 * Calls Spotify through worker-spotify. Refuses at once when no worker-spotify listens (SpotifyWorkerUnavailableError),
 * during a cool-down, or when admission predicts the call's budget slot past its deadline (SpotifyBusyError); else
 * enqueues one `spotify.call` job on queue `spotify` (identical concurrent calls share one job through BullMQ
 * deduplication, and one `add` per process; a joiner with a later deadline or a higher priority extends or promotes
 * it) and waits, until its own deadline, for the result envelope through one shared QueueEvents listener.
 */
export class SpotifyWorkerProxy implements SpotifyCaller {
  private readonly queue: Queue;
  private readonly admission: SpotifyAdmission;
  private readonly presence: WorkerPresence;
  private readonly joiner: JobJoiner;
  private readonly waiters: JobResultWaiters;
  private readonly adding = new Map<string, Promise<Enqueued>>();
  /** Calls in flight in this process per dedup key. */
  private readonly inFlight = new Map<string, number>();
  private readonly coalesced: Partial<Record<SpotifyMethodName, number>> = {};
  private readonly stageListeners: ((stage: CallerStage, seconds: number) => void)[] = [];
  private readonly logger?: Logger;
  private readonly redisTimeoutMs: number;
  private closed = false;

  constructor(private readonly options: SpotifyWorkerProxyOptions) {
    const prefix = options.prefix ?? 'bull';
    this.logger = options.logger?.child({ component: 'spotify-worker-proxy', queue: QueueName.Spotify });
    this.redisTimeoutMs = options.redisTimeoutMs ?? 2000;
    this.queue = new Queue(QueueName.Spotify, { ...queueOptionsFor(QueueName.Spotify), connection: options.connection, prefix, telemetry: queueTelemetry() });
    this.queue.on('error', (error) => this.logger?.warn({ err: error }, 'spotify queue error'));
    this.admission = new SpotifyAdmission(options.connection, this.queue, prefix, options.queueDelayTargetMs);
    this.presence = new WorkerPresence(this.queue);
    this.joiner = new JobJoiner(options.connection, this.queue);
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
    const startedAt = performance.now();
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const call = parseSpotifyCallPayload({ method, args, deadline, priority: options.priority, requestId: options.requestId });
    const listening = await this.redisStep(() => this.presence.listening(), deadline, 'count the Spotify workers');
    if (!listening) throw new SpotifyWorkerUnavailableError({ retryAfterMs: NO_WORKER_RETRY_AFTER_MS });
    const key = spotifyCallDedupKey(call.method, call.args);
    const running = this.inFlight.get(key) ?? 0;
    if (running > 0) this.coalesced[call.method] = (this.coalesced[call.method] ?? 0) + 1;
    this.inFlight.set(key, running + 1);
    try {
      const { jobId, joined } = await this.jobFor(key, call as SpotifyCallPayload, options.client); // M is one of the union's methods
      this.stage('enqueue', (performance.now() - startedAt) / 1000);
      const outcome = await this.waiters.wait(jobId, deadline, joined);
      if (outcome.finishedAt !== undefined) this.stage('result_delivery', Math.max(0, Date.now() - outcome.finishedAt) / 1000);
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

  observeStages(listener: (stage: CallerStage, seconds: number) => void): void {
    this.stageListeners.push(listener);
  }

  private stage(stage: CallerStage, seconds: number): void {
    for (const listener of this.stageListeners) listener(stage, seconds);
  }

  /** Closes the Queue and the QueueEvents listener (not the connections passed in) and rejects pending waiters. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.waiters.close();
    await this.queue.close().catch((error: unknown) => this.logger?.warn({ err: error }, 'closing the spotify queue failed'));
  }

  /**
   * The job this call waits for: a new one, or an identical one in flight (in this process or another), whose deadline
   * and priority this caller then raises to its own. A caller with a later deadline than one refused as busy in this
   * process asks admission again for itself.
   */
  private async jobFor(key: string, payload: SpotifyCallPayload, client: string | undefined): Promise<{ jobId: string; joined: boolean }> {
    const pending = this.adding.get(key);
    if (!pending) return this.enqueue(key, payload, client);
    let shared: Enqueued;
    try {
      shared = await pending;
    } catch (error) {
      if (error instanceof SpotifyBusyError && payload.deadline > Date.now() + (error.retryAfterMs ?? 0)) return this.jobFor(key, payload, client);
      throw error;
    }
    if (payload.deadline > shared.deadline || payload.priority < shared.priority) await this.join(shared.jobId, payload);
    return { jobId: shared.jobId, joined: true };
  }

  /** Admission, then one `add` per dedup key in flight in this process; BullMQ deduplication covers other processes. */
  private enqueue(key: string, payload: SpotifyCallPayload, client: string | undefined): Promise<Enqueued> {
    const { deadline } = payload;
    const adding = this.redisStep(
      async () => {
        // Our own id tells a new job from one another process added since admission (BullMQ then answers that job's id).
        const ownId = randomUUID();
        const admission = await inSpan('spotify.admission', { 'spotify.method': payload.method, 'spotify.priority': payload.priority }, async (span) => {
          const decided = await this.admission.admit({ method: payload.method, priority: payload.priority, dedupId: key, deadline, client, jobId: ownId });
          span.setAttributes({
            'admission.kind': decided.kind,
            ...('waitMs' in decided ? { 'admission.wait_ms': decided.waitMs, 'admission.queue_wait_ms': decided.queueWaitMs, 'admission.priority': decided.priority } : {}),
          });
          return decided;
        });
        if (admission.kind === 'cooldown') {
          spanEvent('spotify.cooldown.refused', { reason: admission.reason, 'retry_after_ms': admission.retryAfterMs });
          throw new SpotifyCooldownError(`Spotify calls are paused (${admission.reason})`, { retryAfterMs: admission.retryAfterMs, reason: admission.reason });
        }
        if (admission.kind === 'join') {
          await this.join(admission.jobId, payload);
          return { jobId: admission.jobId, deadline, priority: payload.priority, joined: true };
        }
        if (admission.kind === 'busy') {
          spanEvent('spotify.busy.refused', { 'predicted_wait_ms': admission.waitMs, 'predicted_queue_wait_ms': admission.queueWaitMs, why: admission.why });
          this.logger?.debug({ method: payload.method, requestId: payload.requestId, ...admission }, 'spotify.call refused: busy');
          const message =
            admission.why === 'deadline'
              ? `Spotify's request budget cannot fit this call before its deadline (about ${Math.ceil(admission.waitMs / 1000)} s)`
              : `Spotify's request budget has a queue of about ${Math.ceil(admission.queueWaitMs / 1000)} s ahead of this call, longer than the api lets a call wait`;
          throw new SpotifyBusyError(message, { retryAfterMs: admission.retryAfterMs });
        }
        await this.waiters.ready();
        // Queued at its client's turn (admission's priority): BullMQ and the gate serve clients in turn.
        const priority = admission.priority;
        const queued = { ...payload, priority };
        const add = () => this.queue.add(JOB_NAME, queued, { ...jobCatalog[JOB_NAME].options, jobId: ownId, priority, deduplication: { id: key } });
        const job = await retryOnceAfterOutOfMemory(add, this.options.relieveMemory);
        if (!job.id) throw new Error('BullMQ returned no job id');
        if (job.id !== ownId) {
          await this.join(job.id, queued);
          return { jobId: job.id, deadline, priority, joined: true };
        }
        this.logger?.debug({ jobId: job.id, method: payload.method, requestId: payload.requestId, priority }, 'spotify.call enqueued');
        return { jobId: job.id, deadline, priority, joined: false };
      },
      deadline,
      'enqueue the Spotify call',
    ).finally(() => {
      if (this.adding.get(key) === adding) this.adding.delete(key);
    });
    this.adding.set(key, adding);
    return adding;
  }

  private async join(jobId: string, payload: SpotifyCallPayload): Promise<void> {
    await this.waiters.ready();
    const outcome = await this.joiner.join(jobId, payload.deadline, payload.priority);
    this.logger?.debug({ jobId, requestId: payload.requestId, ...outcome }, 'joined the identical spotify.call in flight');
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
