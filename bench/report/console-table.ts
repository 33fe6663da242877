import { goalMark } from '../lib/albumboard-goals';
import type { GoalResult, ScenarioRun } from '../lib/run-result';
import { RESULT_COLUMNS, innerCallLine, scenarioRows } from './result-rows';

/** A fixed-width text table. */
export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function scenarioTable(run: ScenarioRun): string {
  const head = `== ${run.scenario.name}: ${run.scenario.description} (budget ${run.budgetPer30s}/30 s, real limit ${run.scenario.realLimitPer30s}/30 s)`;
  const rows = scenarioRows(run).map((r) => RESULT_COLUMNS.map((c) => r[c]));
  const notes = run.designs
    .filter((d) => d.metrics && Object.keys(d.metrics.failureDetails).length > 0)
    .map((d) => `   ${d.design} non-ok: ${Object.entries(d.metrics!.failureDetails).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  const failures = run.designs.filter((d) => d.failure).map((d) => `   ${d.design} FAILED: ${d.failure}`);
  const inner = run.designs.map(innerCallLine).filter((l): l is string => l !== null).map((l) => `   ${l}`);
  return [head, textTable(RESULT_COLUMNS, rows), ...failures, ...notes, ...inner].join('\n');
}

export function goalsTable(goals: readonly GoalResult[]): string {
  return textTable(
    ['goal', 'target', 'measured', 'result'],
    goals.map((g) => [g.description, g.target, g.measured, goalMark(g)]),
  );
}
