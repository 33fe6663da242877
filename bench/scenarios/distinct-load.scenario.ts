import { buildLoadPlan, searchesPerSecond } from '../lib/load-plan';
import { distinctQuery } from '../lib/query-source';
import type { Scenario, ScenarioName, ScenarioSettings } from './scenario';

export interface DistinctLoadShape {
  name: ScenarioName;
  title: string;
  loadFactor: number;
  latencyMs: number;
  /** The emulator's real limit as a share of the configured budget (1 = the budget is right). */
  realLimitShare?: number;
  durationS: number;
  quickDurationS: number;
}

/** Distinct searches (no repeats: every one costs upstream calls) at `loadFactor` × the budget. */
export function distinctLoadScenario(shape: DistinctLoadShape, settings: ScenarioSettings): Scenario {
  const durationMs = (settings.quick ? shape.quickDurationS : shape.durationS) * 1000;
  const realLimitPer30s = Math.max(1, Math.floor(settings.budgetPer30s * (shape.realLimitShare ?? 1)));
  const plan = buildLoadPlan({
    searchesPerS: searchesPerSecond(settings.budgetPer30s, shape.loadFactor),
    durationMs,
    seed: settings.seed + shape.name.length,
    pickQuery: (i) => distinctQuery(i, settings.artistCount),
  });
  const limitNote = shape.realLimitShare && shape.realLimitShare !== 1 ? `; Spotify's real limit ${realLimitPer30s}/30 s (unknown to the system)` : '';
  return {
    name: shape.name,
    title: shape.title,
    description: `${plan.length} distinct searches offered at ${shape.loadFactor}× the budget over ${durationMs / 1000} s, ${shape.latencyMs} ms emulated latency${limitNote}`,
    durationMs,
    latencyMs: shape.latencyMs,
    realLimitPer30s,
    loadFactor: shape.loadFactor,
    plan,
    events: [],
  };
}
