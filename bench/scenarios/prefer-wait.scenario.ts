import { distinctLoadScenario } from './distinct-load.scenario';
import type { Scenario, ScenarioSettings } from './scenario';

/** The caller's own wait: every search of the 5× overload sent with `Prefer: wait=1`. */
export const PREFER_WAIT_S = 1;

export function preferWaitScenario(settings: ScenarioSettings): Scenario {
  const base = distinctLoadScenario(
    { name: 'prefer-wait', title: `5× overload, every search with Prefer: wait=${PREFER_WAIT_S}`, loadFactor: 5, latencyMs: 50, durationS: 60, quickDurationS: 6 },
    settings,
  );
  return {
    ...base,
    description: `${base.description}; every search sent with \`Prefer: wait=${PREFER_WAIT_S}\` (only albumboard reads it)`,
    plan: base.plan.map((search) => ({ ...search, preferWaitS: PREFER_WAIT_S })),
  };
}
