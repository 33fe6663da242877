import type { GoalResult, ScenarioRun } from './run-result';

const DESCRIPTION = 'Repeat queries answered during a cool-down, warm cache past its fresh TTL (stale answers)';

/** stale-cooldown: the share of albumboard's repeat searches (planned after the lock-out) answered 200. */
export function staleGoal(runs: readonly ScenarioRun[]): GoalResult {
  const run = runs.find((r) => r.scenario.name === 'stale-cooldown');
  const design = run?.designs.find((d) => d.design === 'albumboard');
  const from = run?.scenario.repeatFromMs;
  if (!run || !design || design.failure || from === undefined) {
    return { id: 'stale-share', description: DESCRIPTION, target: '≥ 95 %', measured: 'not measured (no stale-cooldown run)', pass: null };
  }
  const repeats = design.samples.filter((s) => s.startedAt >= design.startedAt + from - 50);
  const ok = repeats.filter((s) => s.kind === 'ok').length;
  const share = repeats.length === 0 ? 0 : ok / repeats.length;
  return {
    id: 'stale-share',
    description: DESCRIPTION,
    target: '≥ 95 %',
    measured: `${(share * 100).toFixed(1)} % (${ok} of ${repeats.length})`,
    pass: repeats.length > 0 && share >= 0.95,
  };
}
