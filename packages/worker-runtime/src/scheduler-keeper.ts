import type { Logger } from '@albumboard/observability';
import { retryOnceAfterOutOfMemory, type MemoryRelief } from '@albumboard/redis-connection';
import type { Queue, Worker } from 'bullmq';

/** After a failed registration, the next attempt. */
export const SCHEDULER_RETRY_MS = 5_000;
/** This often the keeper checks that every scheduler still has its next job (a few reads), registering them if not. */
export const SCHEDULER_CHECK_MS = 10 * 60_000;

/** The states of a scheduler's next job while the schedule goes on. */
const PENDING_STATES = new Set(['delayed', 'waiting', 'prioritized', 'active', 'waiting-children']);

/**
 * True when each of the job schedulers `ids` of `queue` exists and its next job is still to run (BullMQ names it
 * `repeat:<id>:<next>`); false when one is gone or its next job already ran or was never added.
 */
export async function schedulersPending(queue: Queue, ids: readonly string[]): Promise<boolean> {
  for (const id of ids) {
    const scheduler = await queue.getJobScheduler(id);
    if (!scheduler?.next) return false;
    if (!PENDING_STATES.has(await queue.getJobState(`repeat:${id}:${scheduler.next}`))) return false;
  }
  return true;
}

export interface SchedulerKeeperOptions {
  /** The consumer of the schedulers' queue: its errors tell when a scheduler's next job could not be added. */
  worker: Worker;
  /**
   * Upserts the queue's job schedulers (idempotent: every process calls it at start-up). An upsert also runs each
   * scheduler's job once now, so the keeper calls it only when one is needed.
   */
  register: () => Promise<void>;
  /** Whether every scheduler still has its next job (`schedulersPending`). */
  pending: () => Promise<boolean>;
  /** For the log lines, e.g. `leaderboard recompute schedulers`. */
  what: string;
  logger: Logger;
  /** Frees memory when a registration meets a full Redis (the search cache's shed), before the one retry of that attempt. */
  relieve?: MemoryRelief;
  retryMs?: number;
  checkMs?: number;
}

/** An error of the worker that may have cost a scheduler its next job (BullMQ: "Failed to add repeatable job for next iteration"). */
export function mayHaveLostScheduler(error: Error): boolean {
  return /Failed to add repeatable job|OOM command not allowed/i.test(error.message);
}

/**
 * Keeps a queue's job schedulers in Redis. BullMQ adds a scheduler's next job when a worker takes the current one; when
 * that write fails (a full `noeviction` Redis: `OOM command not allowed`), the worker only emits "Failed to add
 * repeatable job for next iteration" and the schedule ends there. The keeper registers the schedulers at start-up —
 * retrying every `retryMs` until Redis takes the write, instead of failing the start — registers them again as soon
 * as it can after such an error (every `retryMs` until one succeeds), and every `checkMs` registers them if one lost
 * its next job anyway.
 */
export class SchedulerKeeper {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private registering?: Promise<boolean>;

  constructor(private readonly options: SchedulerKeeperOptions) {
    options.worker.on('error', (error) => {
      if (!this.stopped && mayHaveLostScheduler(error)) this.schedule(0);
    });
    options.worker.on('closing', () => this.stop());
  }

  /** Registers once now; on failure logs and keeps retrying in the background. Resolves whether it succeeded. */
  async start(): Promise<boolean> {
    return this.attempt();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number, check = false): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void (check ? this.check() : this.attempt()), delayMs);
    this.timer.unref();
  }

  /** Registers only when a scheduler lost its next job; a failed check is retried like a failed registration. */
  private async check(): Promise<void> {
    try {
      if (await this.options.pending()) {
        this.schedule(this.options.checkMs ?? SCHEDULER_CHECK_MS, true);
        return;
      }
      this.options.logger.warn(`a job scheduler lost its next job: registering the ${this.options.what} again`);
    } catch (error) {
      if (this.stopped) return;
      this.options.logger.warn({ err: error }, `could not check the ${this.options.what}; registering them again`);
    }
    await this.attempt();
  }

  private attempt(): Promise<boolean> {
    this.registering ??= this.registerOnce().finally(() => {
      this.registering = undefined;
    });
    return this.registering;
  }

  private async registerOnce(): Promise<boolean> {
    const { register, logger, what } = this.options;
    try {
      await retryOnceAfterOutOfMemory(register, this.options.relieve);
      this.schedule(this.options.checkMs ?? SCHEDULER_CHECK_MS, true);
      return true;
    } catch (error) {
      if (this.stopped) return false;
      const retryMs = this.options.retryMs ?? SCHEDULER_RETRY_MS;
      logger.warn({ err: error, retryMs }, `could not register the ${what}; retrying in ${retryMs} ms`);
      this.schedule(retryMs);
      return false;
    }
  }
}
