import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestGate } from '@albumboard/spotify-client';

interface Tally {
  count: number;
  /** The job's priority, handed to the gate with each request. */
  priority?: number;
}

/**
 * Counts, per job, the upstream requests the gate let through (each page, each retry). The client's gate is shared
 * by every job of the process, so the count rides on AsyncLocalStorage: `run` opens a tally, the wrapped gate
 * increments the tally of whichever job is calling.
 */
export class UpstreamRequestCounter {
  private readonly storage = new AsyncLocalStorage<Tally>();

  /** `gate`, counting each granted slot against the current job's tally. */
  wrap(gate: RequestGate): RequestGate {
    return {
      acquire: async (ctx) => {
        const tally = this.storage.getStore();
        await gate.acquire(tally?.priority === undefined ? ctx : { ...ctx, priority: tally.priority });
        if (tally) tally.count += 1;
      },
    };
  }

  /** Runs `fn` with a fresh tally for a job of `priority`; `count()` reads it (during or after the run). */
  start(priority?: number): { run<T>(fn: () => Promise<T>): Promise<T>; count(): number } {
    const tally: Tally = { count: 0, priority };
    return { run: (fn) => this.storage.run(tally, fn), count: () => tally.count };
  }
}
