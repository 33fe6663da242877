import type { Queue } from 'bullmq';

/**
 * Whether any worker-spotify listens on queue `spotify` (BullMQ's `getWorkersCount`, the fact /readyz uses), asked
 * at most once per `maxAgeMs` (default 1 s) per process; concurrent callers share one question.
 */
export class WorkerPresence {
  private known?: { listening: boolean; at: number };
  private asking?: Promise<boolean>;

  constructor(
    private readonly queue: Pick<Queue, 'getWorkersCount'>,
    private readonly maxAgeMs = 1000,
  ) {}

  async listening(): Promise<boolean> {
    if (this.known && Date.now() - this.known.at < this.maxAgeMs) return this.known.listening;
    this.asking ??= this.queue
      .getWorkersCount()
      .then((count) => {
        this.known = { listening: count > 0, at: Date.now() };
        return count > 0;
      })
      .finally(() => {
        this.asking = undefined;
      });
    return this.asking;
  }
}
