import type { SearchFn } from '../lib/load-runner';

export const DESIGN_NAMES = ['direct', 'seed', 'bottleneck', 'albumboard'] as const;
export type DesignName = (typeof DESIGN_NAMES)[number];

/** Where a design finds its (emulated) Spotify. */
export interface SpotifyTarget {
  apiUrl: string;
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Everything a design gets to start: its own emulator, Redis, a unique key prefix, the budget. */
export interface DesignEnv {
  spotify: SpotifyTarget;
  redisUrl: string;
  /** Unique per design and scenario; every Redis key the design writes starts with it. */
  prefix: string;
  /** Upstream requests allowed per rolling 30 s, as configured (the real limit may be lower). */
  budgetPer30s: number;
  /** How long a user waits for an answer (the API's SPOTIFY_CALL_TIMEOUT_MS). */
  userTimeoutMs: number;
  /** API-like processes for the designs that have several (direct, bottleneck). */
  apiProcesses: number;
  /** The albumboard API's SEARCH_CACHE_TTL_S when the scenario sets one (default SEARCH_CACHE_TTL_S). */
  searchCacheTtlS?: number;
  /** More albumboard API settings the scenario sets. */
  apiSettings?: Record<string, string>;
}

export interface RunningDesign {
  search: SearchFn;
  /** Settings only known once started (e.g. the worker's parsed config), appended to the description. */
  info?: string;
  /** Latencies (ms) of successful Spotify calls inside the design, when it can isolate them (albumboard: the proxy call). */
  innerCallLatenciesMs?: () => number[];
  close(): Promise<void>;
}

export interface DesignDefinition {
  name: DesignName;
  /** One line for the report: what runs and how it is configured. */
  describe(env: Pick<DesignEnv, 'budgetPer30s' | 'apiProcesses' | 'userTimeoutMs' | 'searchCacheTtlS'>): string;
  start(env: DesignEnv): Promise<RunningDesign>;
}

/** Takes `items` in turn, like a load balancer in front of API processes: each call returns the next one. */
export function roundRobin<T>(items: readonly T[]): () => T {
  let next = 0;
  return () => {
    const item = items[next];
    next = (next + 1) % items.length;
    return item;
  };
}
