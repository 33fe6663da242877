import { fairnessScenario } from './fairness.scenario';
import { halfLimitScenario } from './half-limit.scenario';
import { preferWaitScenario } from './prefer-wait.scenario';
import { hotSetScenario } from './hot-set.scenario';
import { overloadScenario } from './overload.scenario';
import { quotaLockoutScenario } from './quota-lockout.scenario';
import type { Scenario, ScenarioName, ScenarioSettings } from './scenario';
import { staleCooldownScenario } from './stale-cooldown.scenario';
import { steadyScenario } from './steady.scenario';

const builders: Record<ScenarioName, (settings: ScenarioSettings) => Scenario> = {
  steady: (s) => steadyScenario(s, 50),
  overload: (s) => overloadScenario(s, 50),
  'half-limit': halfLimitScenario,
  'quota-lockout': quotaLockoutScenario,
  'hot-set': hotSetScenario,
  'steady-200ms': (s) => steadyScenario(s, 200),
  'overload-200ms': (s) => overloadScenario(s, 200),
  'stale-cooldown': staleCooldownScenario,
  fairness: fairnessScenario,
  'prefer-wait': preferWaitScenario,
};

/** Builds the named scenarios, in the order given. */
export function buildScenarios(names: readonly ScenarioName[], settings: ScenarioSettings): Scenario[] {
  return names.map((name) => builders[name](settings));
}
