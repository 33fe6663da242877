import { buildLoadPlan, searchesPerSecond, type PlannedSearch } from '../lib/load-plan';
import { generatedArtistQuery } from '../lib/query-source';
import type { Scenario, ScenarioSettings } from './scenario';

/** Queries answered once before the cool-down: the warm cache. */
export const STALE_WARM_SET_SIZE = 20;
/** The albumboard design's fresh TTL in this scenario, short so the warm answers are stale when Spotify locks out. */
export const STALE_FRESH_TTL_S = 3;
const LOAD_FACTOR = 2;

/**
 * A warm cache during a cool-down: the 20 warm queries are searched once each; once their answers are past fresh
 * (SEARCH_CACHE_TTL_S 3 s for albumboard), Spotify's quota runs out (429 QUOTA_EXCEEDED, Retry-After 4 h) and the
 * same queries are repeated at 2× the budget. A repeat can only be answered from a stale copy.
 */
export function staleCooldownScenario(settings: ScenarioSettings): Scenario {
  const durationMs = (settings.quick ? 12 : 60) * 1000;
  const warmMs = settings.quick ? 4_000 : 10_000;
  const lockoutAtMs = warmMs + (STALE_FRESH_TTL_S + 1) * 1000;
  const repeatFromMs = lockoutAtMs + 500;
  const warm: PlannedSearch[] = Array.from({ length: STALE_WARM_SET_SIZE }, (_, i) => ({
    atMs: Math.round((i * warmMs) / STALE_WARM_SET_SIZE),
    query: generatedArtistQuery(i + 1, settings.artistCount),
  }));
  const repeats = buildLoadPlan({
    searchesPerS: searchesPerSecond(settings.budgetPer30s, LOAD_FACTOR),
    durationMs: durationMs - repeatFromMs - 50, // every repeat starts before the load ends
    seed: settings.seed + 11,
    pickQuery: (_i, random) => generatedArtistQuery(1 + Math.floor(random() * STALE_WARM_SET_SIZE), settings.artistCount),
  }).map((p) => ({ ...p, atMs: p.atMs + repeatFromMs }));
  return {
    name: 'stale-cooldown',
    title: 'Warm cache during a quota cool-down',
    description:
      `${STALE_WARM_SET_SIZE} warm searches over ${warmMs / 1000} s; at ${lockoutAtMs / 1000} s (their answers past the fresh TTL of ` +
      `${STALE_FRESH_TTL_S} s) the daily quota runs out (429 QUOTA_EXCEEDED, Retry-After 4 h); then ${repeats.length} repeats of those ` +
      `queries at ${LOAD_FACTOR}× the budget until ${durationMs / 1000} s, 50 ms latency`,
    durationMs,
    latencyMs: 50,
    realLimitPer30s: settings.budgetPer30s,
    loadFactor: LOAD_FACTOR,
    plan: [...warm, ...repeats],
    events: [{ atMs: lockoutAtMs, kind: 'quota-lockout', retryAfterS: 4 * 3600 }],
    searchCacheTtlS: STALE_FRESH_TTL_S,
    repeatFromMs,
  };
}
