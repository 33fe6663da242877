import type { DesignName } from '../designs/design';
import { loadDesign } from '../designs/design-registry';
import type { ScenarioName } from '../scenarios/scenario';
import { buildScenarios } from '../scenarios/scenario-catalog';
import { allGoals } from './albumboard-goals';
import { machineInfo, withEndLoad } from './machine-info';
import { nowMs } from './load-runner';
import { runId } from './redis-cleanup';
import type { BenchRun, BenchSettings, ScenarioRun } from './run-result';
import { runScenario } from './scenario-runner';

export interface ComparisonOptions extends BenchSettings {
  scenarios: ScenarioName[];
  designs: DesignName[];
  redisUrl: string;
  log: (line: string) => void;
  /** Called after each scenario (the CLI prints its table). */
  onScenario?: (run: ScenarioRun) => void;
}

/** Runs the selected scenarios one after the other, the selected designs side by side within each. */
export async function runComparison(options: ComparisonOptions): Promise<BenchRun> {
  const started = nowMs();
  const machine = machineInfo();
  const id = runId();
  const scenarios = buildScenarios(options.scenarios, options);
  const designs = options.designs.map(loadDesign);
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) {
    options.log(`-- ${scenario.name}: ${scenario.description}`);
    const run = await runScenario({
      scenario,
      designs,
      redisUrl: options.redisUrl,
      runId: id,
      budgetPer30s: options.budgetPer30s,
      userTimeoutMs: options.userTimeoutMs,
      apiProcesses: options.apiProcesses,
      artistCount: options.artistCount,
      log: options.log,
    });
    runs.push(run);
    options.onScenario?.(run);
  }
  const { scenarios: _s, designs: _d, redisUrl: _r, log: _l, onScenario: _o, ...settings } = options;
  return {
    kind: 'compare-designs',
    settings,
    machine: withEndLoad(machine),
    scenarios: runs,
    goals: allGoals(runs, options.searchCacheTtlS),
    wallTimeS: (nowMs() - started) / 1000,
  };
}
