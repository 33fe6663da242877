import type { Scenario, ScenarioSettings } from './scenario';
import { distinctLoadScenario } from './distinct-load.scenario';

/**
 * Spotify's real limit is half the configured budget and nobody knows: 2× the budget is offered (4× the real
 * limit). 120 s so that the minute after the first one can be judged on its own.
 */
export function halfLimitScenario(settings: ScenarioSettings): Scenario {
  return distinctLoadScenario(
    { name: 'half-limit', title: 'Real limit = budget/2, 2× budget offered', loadFactor: 2, latencyMs: 50, realLimitShare: 0.5, durationS: 120, quickDurationS: 8 },
    settings,
  );
}
