import type { Logger } from '@albumboard/observability';
import type { Worker } from 'bullmq';

/** Between two stalled-job checks of an idle worker: BullMQ's own default `stalledInterval`. */
export const IDLE_STALLED_INTERVAL_MS = 30_000;

export interface StalledCheckPacerOptions {
  /** The interval while checks matter (the worker's `stalledInterval`). */
  busyIntervalMs: number;
  /** The worker's `lockDuration`: a dead process's job stalls once its lock lapses. */
  lockDurationMs: number;
  /** The interval while idle (default IDLE_STALLED_INTERVAL_MS); not above busyIntervalMs means always busy. */
  idleIntervalMs?: number;
  logger: Logger;
  now?: () => number;
}

/**
 * Runs BullMQ's stalled-job check (the Worker is created with `skipStalledCheck: true`) at `busyIntervalMs` while it
 * can matter and at `idleIntervalMs` otherwise, so an idle worker sends one command every 30 s instead of one every
 * 2–5 s (a per-command bill counts each).
 *
 * It matters after start-up (a previous process of this app may have died with jobs in `active`: they stall once their
 * lock lapses) and while this worker takes jobs (traffic flows, and a sibling may die mid-job): "busy" lasts until
 * `lockDurationMs + 2 × busyIntervalMs` after start-up and after this worker's last job ended — long enough for a job
 * orphaned just before to be marked and then moved back to wait. When an idle worker takes a job, it checks at once
 * and returns to the busy pace. So the recovery of a killed process's jobs by its restarted successor, or by a sibling
 * under traffic, is unchanged; only a sibling that stays idle throughout takes up to `idleIntervalMs` longer.
 *
 * The stalled-check key BullMQ sets (one check per interval across all workers of the queue) keeps the worker's own
 * `stalledInterval` as its expiry, so an idle worker's check never holds back a busy sibling's.
 */
export class StalledCheckPacer {
  private readonly startedAt: number;
  private lastJobEndedAt = 0;
  private active = 0;
  private stopped = false;
  private wake?: () => void;
  private readonly now: () => number;
  private readonly idleIntervalMs: number;

  constructor(
    private readonly worker: Worker,
    private readonly options: StalledCheckPacerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.idleIntervalMs = options.idleIntervalMs ?? IDLE_STALLED_INTERVAL_MS;
    this.startedAt = this.now();
    worker.on('active', () => {
      const wasBusy = this.busy();
      this.active += 1;
      if (!wasBusy) this.wake?.(); // an idle worker took a job: check now, then at the busy pace
    });
    const ended = () => {
      this.active = Math.max(0, this.active - 1);
      this.lastJobEndedAt = this.now();
    };
    worker.on('completed', ended);
    worker.on('failed', (job) => {
      if (job) ended(); // a failure without a job is not the end of one this worker took
    });
    worker.on('closing', () => this.stop());
  }

  /** Whether checks run at the busy pace now. */
  busy(): boolean {
    const settleMs = this.options.lockDurationMs + 2 * this.options.busyIntervalMs;
    return this.active > 0 || this.now() - Math.max(this.startedAt, this.lastJobEndedAt) < settleMs || this.idleIntervalMs <= this.options.busyIntervalMs;
  }

  /** The wait before the next check. */
  intervalMs(): number {
    return this.busy() ? this.options.busyIntervalMs : this.idleIntervalMs;
  }

  /** Checks now and then at the current pace until the worker closes. */
  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    // BullMQ's own checker (skipped with skipStalledCheck) is this private method; the Worker does the rest (events, telemetry).
    const check = (this.worker as unknown as { moveStalledJobsToWait(): Promise<void> }).moveStalledJobsToWait.bind(this.worker);
    while (!this.stopped) {
      try {
        await check();
      } catch (error) {
        if (!this.stopped) this.options.logger.warn({ err: error, queue: this.worker.name }, 'stalled-job check failed');
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.intervalMs());
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }
}
