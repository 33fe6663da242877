import type { Scenario, ScenarioSettings } from './scenario';
import { distinctLoadScenario } from './distinct-load.scenario';

/** Five times (by default) more distinct searches than the budget allows. */
export function overloadScenario(settings: ScenarioSettings, latencyMs = 50, durationS = 60, loadFactor = 5): Scenario {
  const name = latencyMs === 50 ? 'overload' : 'overload-200ms';
  return distinctLoadScenario(
    { name, title: `${loadFactor}× overload, ${latencyMs} ms`, loadFactor, latencyMs, durationS, quickDurationS: 6 },
    settings,
  );
}
