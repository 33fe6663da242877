import type { Answer } from './http-client';

/** One checked invariant: what was measured, the bound, and whether it held. */
export interface Check {
  scenario: string;
  name: string;
  value: string;
  ok: boolean;
}

/** One row of the results table. */
export interface ScenarioRow {
  scenario: string;
  requests: number;
  answers: Record<string, number>;
  longestMs: number;
  measures: Record<string, string>;
}

export function countKinds(answers: readonly Answer[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const answer of answers) out[answer.kind] = (out[answer.kind] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function rowOf(scenario: string, answers: readonly Answer[], measures: Record<string, string>): ScenarioRow {
  return { scenario, requests: answers.length, answers: countKinds(answers), longestMs: Math.max(0, ...answers.map((a) => a.ms)), measures };
}

/** The answers albumboard may give under faults: success, client errors, and the documented 502/503/504 codes. */
const ACCEPTABLE = /^(2\d\d|4\d\d [a-z_]+|502 upstream_error|503 (queue_unavailable|spotify_unavailable|spotify_busy|spotify_worker_unavailable|database_unavailable|auth_unavailable)|504 worker_timeout)$/;

export function unacceptable(answers: readonly Answer[]): string[] {
  return [...new Set(answers.filter((a) => !ACCEPTABLE.test(a.kind) || a.kind.endsWith('shapeless')).map((a) => a.kind))];
}

export function check(scenario: string, name: string, value: string | number, ok: boolean): Check {
  return { scenario, name, value: String(value), ok };
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The Markdown tables the suite prints: what each scenario did and measured, then every invariant. */
export function renderReport(rows: readonly ScenarioRow[], checks: readonly Check[]): string {
  const results = table(
    ['scenario', 'requests', 'answers by kind', 'longest answer', 'measured'],
    rows.map((r) => [
      r.scenario,
      String(r.requests),
      Object.entries(r.answers).map(([kind, n]) => `${kind}: ${n}`).join(', '),
      `${(r.longestMs / 1000).toFixed(2)} s`,
      Object.entries(r.measures).map(([k, v]) => `${k} ${v}`).join('; '),
    ]),
  );
  const invariants = table(['scenario', 'invariant', 'measured', 'holds'], checks.map((c) => [c.scenario, c.name, c.value, c.ok ? 'yes' : 'NO']));
  return `${results}\n\n${invariants}`;
}
