import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestGate } from '@albumboard/spotify-client';

interface Tally {
  count: number;
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
        await gate.acquire(ctx);
        const tally = this.storage.getStore();
        if (tally) tally.count += 1;
      },
    };
  }

  /** Runs `fn` with a fresh tally; `count()` reads it (during or after the run). */
  start(): { run<T>(fn: () => Promise<T>): Promise<T>; count(): number } {
    const tally: Tally = { count: 0 };
    return { run: (fn) => this.storage.run(tally, fn), count: () => tally.count };
  }
}
