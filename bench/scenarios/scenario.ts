import type { PlannedSearch } from '../lib/load-plan';

export const SCENARIO_NAMES = [
  'steady',
  'overload',
  'half-limit',
  'quota-lockout',
  'hot-set',
  'steady-200ms',
  'overload-200ms',
  'stale-cooldown',
  'fairness',
  'prefer-wait',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Settings shared by every scenario of one run. */
export interface ScenarioSettings {
  budgetPer30s: number;
  /** Short smoke durations instead of ≥ 60 s. */
  quick: boolean;
  /** Distinct generated artists in each emulator (`Generated Artist 0001` …). */
  artistCount: number;
  seed: number;
}

/** A timed change to the emulator during the run. */
export type ScenarioEvent = { atMs: number; kind: 'quota-lockout'; retryAfterS: number };

/** One fully specified scenario: the same plan and emulator settings are used for every design. */
export interface Scenario {
  name: ScenarioName;
  title: string;
  /** What is offered and what the emulator does, in one sentence for the report. */
  description: string;
  durationMs: number;
  /** Emulated Spotify latency per request. */
  latencyMs: number;
  /** The emulator's real rolling-30 s limit (the system is only told `budgetPer30s`). */
  realLimitPer30s: number;
  /** Offered upstream demand as a multiple of the budget (each search = 2 upstream requests). */
  loadFactor: number;
  plan: PlannedSearch[];
  events: ScenarioEvent[];
  /** The albumboard design's SEARCH_CACHE_TTL_S in this scenario, when not the run's. */
  searchCacheTtlS?: number;
  /** Searches planned from this offset on are repeats of earlier ones (stale-cooldown). */
  repeatFromMs?: number;
  /** More settings of the albumboard design's API in this scenario (e.g. the per-client search limit). */
  apiSettings?: Record<string, string>;
}
