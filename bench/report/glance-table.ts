import type { DesignName } from '../designs/design';
import type { ScenarioRun } from '../lib/run-result';

/**
 * One row per design, one column per scenario: `ok % · 429s · max/30s`, so the whole run reads at a glance.
 * Returns headers and rows as display strings.
 */
export function glanceTable(runs: readonly ScenarioRun[]): { headers: string[]; rows: string[][] } {
  const designs = [...new Set(runs.flatMap((r) => r.designs.map((d) => d.design)))] as DesignName[];
  const headers = ['design', ...runs.map((r) => r.scenario.name)];
  const rows = designs.map((name) => [
    name,
    ...runs.map((run) => {
      const d = run.designs.find((x) => x.design === name);
      if (!d?.metrics) return d?.failure ? 'FAILED' : '–';
      const m = d.metrics;
      const okPct = m.answers.total ? Math.round((m.answers.ok / m.answers.total) * 100) : 0;
      return `${okPct} % ok · ${m.upstream.status429} × 429 · max ${m.upstream.maxPer30s}/${run.budgetPer30s}`;
    }),
  ]);
  return { headers, rows };
}
