import type { Logger } from '@albumboard/observability';
import { QueueEvents, type Queue } from 'bullmq';
import { duplicateConnection, type RedisConnection } from '@albumboard/redis-connection';
import { SpotifyQueueUnavailableError, SpotifyWorkerTimeoutError, type SpotifyError } from '../errors';

/**
 * How a job ended, as QueueEvents (or a direct state check) reports it; `finishedAt` (epoch ms, from the event's stream
 * id) when an event reported it.
 */
export type JobOutcome = ({ kind: 'completed'; returnvalue: unknown } | { kind: 'failed'; failedReason: string }) & { finishedAt?: number };

const EVENTS_PAGE = 200;
const IDLE_XREAD_BLOCK_MS = 30_000;

/** A stream entry's flat [field, value, …] list as an object. */
function fieldsOf(flat: string[]): Record<string, string | undefined> {
  const entry: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) entry[flat[i]] = flat[i + 1];
  return entry;
}

interface Waiter {
  resolve(outcome: JobOutcome): void;
  reject(error: SpotifyError): void;
  timer: NodeJS.Timeout;
}

export interface JobResultWaitersOptions {
  queue: Queue;
  /** The producer connection: used once, to read the events stream's last id. */
  connection: RedisConnection;
  /** A dedicated blocking connection for QueueEvents; a duplicate of `connection` is made (and owned) if absent. */
  queueEventsConnection?: RedisConnection;
  prefix: string;
  logger?: Logger;
}

/**
 * One shared QueueEvents listener per proxy and a Map of job id → waiters. The listener reads the events stream
 * from the id it had when it started (not `$`), so no event is lost while its first XREAD is on its way; and each
 * waiter checks its job's state once after registering, in case the job finished before anyone listened.
 */
export class JobResultWaiters {
  private readonly waiting = new Map<string, Set<Waiter>>();
  private events?: QueueEvents;
  private ownedConnection?: RedisConnection;
  private starting?: Promise<void>;
  private closed = false;

  constructor(private readonly options: JobResultWaitersOptions) {}

  /** Starts the listener once (retried on the next call if Redis did not answer). */
  ready(): Promise<void> {
    if (!this.starting) {
      this.starting = this.start().catch((error: unknown) => {
        this.starting = undefined;
        throw error;
      });
    }
    return this.starting;
  }

  /**
   * Waits for `jobId` to finish; rejects with SpotifyWorkerTimeoutError at `deadline`. `checkState: false` skips the
   * job-state check for a job added after `ready()` by this process: the listener reads every event from before the
   * add, so it cannot miss the job's end (5 Redis commands fewer per call).
   */
  wait(jobId: string, deadline: number, checkState = true): Promise<JobOutcome> {
    return new Promise<JobOutcome>((resolve, reject) => {
      if (this.closed) return reject(new SpotifyQueueUnavailableError('Spotify proxy closed'));
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.remove(jobId, waiter);
          reject(new SpotifyWorkerTimeoutError());
        }, Math.max(0, deadline - Date.now())),
      };
      const set = this.waiting.get(jobId) ?? new Set<Waiter>();
      set.add(waiter);
      this.waiting.set(jobId, set);
      if (checkState) this.checkFinished(jobId).catch((error: unknown) => this.options.logger?.debug({ err: error, jobId }, 'job state check failed'));
    });
  }

  /** Jobs with at least one waiter (for tests and metrics). */
  get pendingJobs(): number {
    return this.waiting.size;
  }

  /** Rejects every waiter and stops the listener (closing only the connection it created itself). */
  async close(): Promise<void> {
    this.closed = true;
    for (const [jobId, set] of this.waiting) {
      for (const waiter of set) {
        clearTimeout(waiter.timer);
        waiter.reject(new SpotifyQueueUnavailableError('Spotify proxy closed'));
      }
      this.waiting.delete(jobId);
    }
    await this.events?.close().catch(() => undefined);
    this.ownedConnection?.disconnect();
  }

  private async start(): Promise<void> {
    const { queue, connection, prefix, logger } = this.options;
    const last = (await connection.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1)) as [string, string[]][];
    if (this.closed) return;
    const lastEventId = last[0]?.[0] ?? '0-0';
    const eventsConnection =
      this.options.queueEventsConnection ??
      (this.ownedConnection = duplicateConnection(connection, 'worker'));
    // An idle listener asks again every 30 s (BullMQ's default 10 s); an event ends its XREAD at once.
    const events = new QueueEvents(queue.name, { connection: eventsConnection, prefix, autorun: false, lastEventId, blockingTimeout: IDLE_XREAD_BLOCK_MS });
    events.on('error', (error) => logger?.warn({ err: error }, 'spotify QueueEvents error'));
    // A stream id is `<epoch ms>-<seq>`: the moment the worker wrote the event.
    const at = (id: string): number => Number(id.split('-')[0]);
    events.on('completed', ({ jobId, returnvalue }, id) => this.settle(jobId, { kind: 'completed', returnvalue, finishedAt: at(id) }));
    events.on('failed', ({ jobId, failedReason }, id) => this.settle(jobId, { kind: 'failed', failedReason, finishedAt: at(id) }));
    this.events = events;
    events.run().catch((error: unknown) => {
      if (!this.closed) logger?.error({ err: error }, 'spotify QueueEvents stopped');
    });
  }

  private async checkFinished(jobId: string): Promise<void> {
    const { queue } = this.options;
    const state = await queue.getJobState(jobId);
    if (state === 'unknown') {
      // Gone: a `spotify.call` is removed as it completes (its result lives only in its `completed` event).
      const outcome = await this.outcomeFromEvents(jobId);
      if (outcome) this.settle(jobId, outcome);
      return;
    }
    if (state !== 'completed' && state !== 'failed') return;
    const job = await queue.getJob(jobId);
    if (!job) return;
    if (state === 'completed') this.settle(jobId, { kind: 'completed', returnvalue: job.returnvalue });
    else this.settle(jobId, { kind: 'failed', failedReason: job.failedReason ?? 'failed' });
  }

  /**
   * The end of `jobId` as its `completed` or `failed` event tells it, searched from the newest entry of the events
   * stream back (pages of 200, at most the stream's length); undefined when the stream no longer holds it.
   */
  private async outcomeFromEvents(jobId: string): Promise<JobOutcome | undefined> {
    const { queue, connection } = this.options;
    let end = '+';
    for (;;) {
      const page = (await connection.xrevrange(queue.keys.events, end, '-', 'COUNT', EVENTS_PAGE)) as [string, string[]][];
      for (const [id, fields] of page) {
        const entry = fieldsOf(fields);
        if (entry.jobId !== jobId) continue;
        const finishedAt = Number(id.split('-')[0]);
        if (entry.event === 'completed') return { kind: 'completed', returnvalue: JSON.parse(entry.returnvalue ?? 'null') as unknown, finishedAt };
        if (entry.event === 'failed') return { kind: 'failed', failedReason: entry.failedReason ?? 'failed', finishedAt };
      }
      if (page.length < EVENTS_PAGE) return undefined;
      end = `(${page[page.length - 1][0]}`;
    }
  }

  private settle(jobId: string, outcome: JobOutcome): void {
    const set = this.waiting.get(jobId);
    if (!set) return;
    this.waiting.delete(jobId);
    for (const waiter of set) {
      clearTimeout(waiter.timer);
      waiter.resolve(outcome);
    }
  }

  private remove(jobId: string, waiter: Waiter): void {
    const set = this.waiting.get(jobId);
    if (!set) return;
    set.delete(waiter);
    if (set.size === 0) this.waiting.delete(jobId);
  }
}
