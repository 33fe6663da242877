import type { Logger } from '@albumboard/observability';
import { retryOnceAfterOutOfMemory, type MemoryRelief } from '@albumboard/redis-connection';
import type { Worker } from 'bullmq';

/** After a failed registration, the next attempt. */
export const SCHEDULER_RETRY_MS = 5_000;
/** Registered again this often even when nothing failed (an idempotent upsert: one script call). */
export const SCHEDULER_REFRESH_MS = 10 * 60_000;

export interface SchedulerKeeperOptions {
  /** The consumer of the schedulers' queue: its errors tell when a scheduler's next job could not be added. */
  worker: Worker;
  /** Upserts the queue's job schedulers (idempotent: every process calls it at start-up). */
  register: () => Promise<void>;
  /** For the log lines, e.g. `leaderboard recompute schedulers`. */
  what: string;
  logger: Logger;
  /** Frees memory when a registration meets a full Redis (the search cache's shed), before the one retry of that attempt. */
  relieve?: MemoryRelief;
  retryMs?: number;
  refreshMs?: number;
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
 * as it can after such an error (every `retryMs` until one succeeds), and once every `refreshMs` whatever happened.
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

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.attempt(), delayMs);
    this.timer.unref();
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
      this.schedule(this.options.refreshMs ?? SCHEDULER_REFRESH_MS);
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
