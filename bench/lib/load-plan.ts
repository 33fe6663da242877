import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** One user search: when it starts (ms after the scenario's start) and what it asks for. */
export interface PlannedSearch {
  atMs: number;
  query: string;
  /** Who searches (fairness): the same client sends every search it names; none: every search its own user. */
  client?: string;
  /** The caller's own wait: `Prefer: wait=N` on the search (designs without it ignore it). */
  preferWaitS?: number;
}

export interface LoadPlanOptions {
  /** Searches per second offered (open loop: arrivals do not wait for answers). */
  searchesPerS: number;
  durationMs: number;
  seed: number;
  /** Picks the query of the i-th search. */
  pickQuery: (index: number, random: () => number) => string;
}

/**
 * Poisson arrivals (exponential gaps) at `searchesPerS` over `durationMs`, seeded so every design
 * receives the same searches at the same offsets.
 */
export function buildLoadPlan(options: LoadPlanOptions): PlannedSearch[] {
  // Seeded, so every design gets the same queries at the same offsets.
  const rng = xoroshiro128plus(options.seed);
  const random = (): number => uniformFloat64(rng);
  const meanGapMs = 1000 / options.searchesPerS;
  const plan: PlannedSearch[] = [];
  let at = random() * meanGapMs;
  while (at < options.durationMs) {
    plan.push({ atMs: Math.round(at), query: options.pickQuery(plan.length, random) });
    at += -Math.log(1 - random()) * meanGapMs;
  }
  return plan;
}

/** Searches per second that cost `loadFactor` × the budget, each search costing `requestsPerSearch` upstream requests. */
export function searchesPerSecond(budgetPer30s: number, loadFactor: number, requestsPerSearch = 2): number {
  return (budgetPer30s * loadFactor) / requestsPerSearch / 30;
}
