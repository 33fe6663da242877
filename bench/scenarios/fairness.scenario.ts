import { buildLoadPlan, searchesPerSecond } from '../lib/load-plan';
import { distinctQuery } from '../lib/query-source';
import type { Scenario, ScenarioSettings } from './scenario';

/** One heavy client sending HEAVY_WEIGHT times as often as each of LIGHT_CLIENTS light ones. */
export const HEAVY_CLIENT = 'heavy';
export const LIGHT_CLIENTS = ['light-1', 'light-2', 'light-3', 'light-4'] as const;
const HEAVY_WEIGHT = 13;
const LOAD_FACTOR = 5;

/**
 * Fair share: distinct searches at 5× the budget from five clients, one of them sending 13× as often as each of the
 * other four (the light clients offer 4/17 ≈ 24 % of the load). Max-min fair, each light client asks 5/17 of the
 * budget, more than its fifth, so each gets a fifth: together about 4/5 of the answers. The per-client search
 * limit is off in this scenario (API_RATE_LIMIT_SEARCH_PER_MIN=0): at 60 a minute it would cap the heavy client by
 * itself, and the point is how the budget is shared when it is smaller than the clients' limits together.
 */
export function fairnessScenario(settings: ScenarioSettings): Scenario {
  const durationMs = (settings.quick ? 6 : 60) * 1000;
  const weights = [HEAVY_WEIGHT, ...LIGHT_CLIENTS.map(() => 1)];
  const names = [HEAVY_CLIENT, ...LIGHT_CLIENTS];
  const total = weights.reduce((a, b) => a + b, 0);
  const clientAt = (r: number): string => {
    let left = r * total;
    for (const [i, weight] of weights.entries()) {
      if (left < weight) return names[i]!;
      left -= weight;
    }
    return names[names.length - 1]!;
  };
  const clients: string[] = [];
  const plan = buildLoadPlan({
    searchesPerS: searchesPerSecond(settings.budgetPer30s, LOAD_FACTOR),
    durationMs,
    seed: settings.seed + 13,
    pickQuery: (i, random) => {
      clients[i] = clientAt(random());
      return distinctQuery(i, settings.artistCount);
    },
  }).map((search, i) => ({ ...search, client: clients[i] }));
  const light = plan.filter((p) => p.client !== HEAVY_CLIENT).length;
  return {
    name: 'fairness',
    title: `Fair share: one heavy client, ${LIGHT_CLIENTS.length} light ones, ${LOAD_FACTOR}× the budget`,
    description: `${plan.length} distinct searches at ${LOAD_FACTOR}× the budget over ${durationMs / 1000} s, 50 ms latency, from ${names.length} clients: one sends ${HEAVY_WEIGHT}× as often as each of the other ${LIGHT_CLIENTS.length} (light clients: ${light} searches, ${((light / Math.max(1, plan.length)) * 100).toFixed(0)} % of the load); albumboard's per-client search limit off`,
    durationMs,
    latencyMs: 50,
    realLimitPer30s: settings.budgetPer30s,
    loadFactor: LOAD_FACTOR,
    plan,
    events: [],
    apiSettings: { API_RATE_LIMIT_SEARCH_PER_MIN: '0' },
  };
}
