import { type LatencySummary, summarizeLatencies } from './latency-stats';
import { nowMs } from './load-runner';

export interface PairedLatencyResult {
  a: LatencySummary;
  b: LatencySummary;
  /** The reference `c`, when given: called once after each pair. */
  c?: LatencySummary;
  errors: { a: number; b: number; c: number };
}

export interface PairedLatencyOptions {
  queries: readonly string[];
  a: (query: string) => Promise<unknown>;
  b: (query: string) => Promise<unknown>;
  /** A reference measured once after each pair in the same run (e.g. a bare BullMQ round trip). */
  c?: (query: string) => Promise<unknown>;
  /** Minimum time between the starts of two pairs (keeps the demand under the budget). */
  pairIntervalMs: number;
  /** Calls made first on each side and not measured (token, connections). */
  warmUp?: readonly string[];
}

/**
 * Apples-to-apples latency: each query is called once through `a` and once through `b`, one call at a time,
 * alternating which goes first so neither side always benefits from a warm path.
 */
export async function pairedLatency(options: PairedLatencyOptions): Promise<PairedLatencyResult> {
  for (const q of options.warmUp ?? []) {
    await options.a(q).catch(() => undefined);
    await options.b(q).catch(() => undefined);
    await options.c?.(q).catch(() => undefined);
  }
  const times = { a: [] as number[], b: [] as number[], c: [] as number[] };
  const errors = { a: 0, b: 0, c: 0 };
  const measure = async (side: 'a' | 'b' | 'c', query: string): Promise<void> => {
    const start = nowMs();
    try {
      await options[side]!(query);
      times[side].push(nowMs() - start);
    } catch {
      errors[side] += 1;
    }
  };
  for (const [i, query] of options.queries.entries()) {
    const pairStart = nowMs();
    const order: ('a' | 'b')[] = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const side of order) await measure(side, query);
    if (options.c) await measure('c', query);
    const wait = pairStart + options.pairIntervalMs - nowMs();
    if (wait > 0 && i < options.queries.length - 1) await new Promise((r) => setTimeout(r, wait));
  }
  return { a: summarizeLatencies(times.a), b: summarizeLatencies(times.b), ...(options.c ? { c: summarizeLatencies(times.c) } : {}), errors };
}
