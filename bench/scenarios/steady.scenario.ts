import type { Scenario, ScenarioSettings } from './scenario';
import { distinctLoadScenario } from './distinct-load.scenario';

/** Steady traffic under the budget (half of it): nobody should see a 429 or a delay. */
export function steadyScenario(settings: ScenarioSettings, latencyMs = 50): Scenario {
  const name = latencyMs === 50 ? 'steady' : 'steady-200ms';
  return distinctLoadScenario(
    { name, title: `Steady, 0.5× budget, ${latencyMs} ms`, loadFactor: 0.5, latencyMs, durationS: 60, quickDurationS: 6 },
    settings,
  );
}
