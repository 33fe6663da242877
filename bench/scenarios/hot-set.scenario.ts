import { buildLoadPlan, searchesPerSecond } from '../lib/load-plan';
import { hotSetPicker } from '../lib/query-source';
import type { Scenario, ScenarioSettings } from './scenario';

export const HOT_SET_SIZE = 10;
export const HOT_SHARE = 0.9;
const LOAD_FACTOR = 2;

/** Mostly repeated searches: 90 % from 10 hot queries, the rest distinct; 2× the budget offered. */
export function hotSetScenario(settings: ScenarioSettings): Scenario {
  const durationMs = (settings.quick ? 6 : 60) * 1000;
  const plan = buildLoadPlan({
    searchesPerS: searchesPerSecond(settings.budgetPer30s, LOAD_FACTOR),
    durationMs,
    seed: settings.seed + 7,
    pickQuery: hotSetPicker(settings.artistCount, HOT_SET_SIZE, HOT_SHARE),
  });
  const distinct = new Set(plan.map((p) => p.query)).size;
  return {
    name: 'hot-set',
    title: `Repeats: ${HOT_SHARE * 100} % from ${HOT_SET_SIZE} hot queries`,
    description: `${plan.length} searches (${distinct} distinct; ${HOT_SHARE * 100} % from ${HOT_SET_SIZE} hot queries) at ${LOAD_FACTOR}× the budget over ${durationMs / 1000} s, 50 ms latency`,
    durationMs,
    latencyMs: 50,
    realLimitPer30s: settings.budgetPer30s,
    loadFactor: LOAD_FACTOR,
    plan,
    events: [],
  };
}
