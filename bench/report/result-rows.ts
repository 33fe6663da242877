import type { DesignRun, ScenarioRun } from '../lib/run-result';

/** The columns every report shows for a design in a scenario, as display strings. */
export const RESULT_COLUMNS = [
  'design',
  'up max/30s',
  'up mean/30s',
  'budget used',
  '429s',
  'ok',
  '503',
  '504',
  'other',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'ok/s',
] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];

const num = (v: number | null | undefined, digits = 0): string => (v === null || v === undefined ? '–' : v.toFixed(digits));

export function resultRow(run: DesignRun): Record<ResultColumn, string> {
  const m = run.metrics;
  if (!m) {
    return Object.fromEntries(RESULT_COLUMNS.map((c) => [c, c === 'design' ? run.design : c === 'up max/30s' ? 'FAILED' : ''])) as Record<ResultColumn, string>;
  }
  return {
    design: run.design,
    'up max/30s': String(m.upstream.maxPer30s),
    'up mean/30s': num(m.upstream.meanPer30s, 1),
    'budget used': `${(m.budgetShare * 100).toFixed(1)} %`,
    '429s': String(m.upstream.status429),
    ok: String(m.answers.ok),
    '503': String(m.answers['503']),
    '504': String(m.answers['504']),
    other: String(m.answers.other),
    'p50 ms': num(m.latency.p50),
    'p95 ms': num(m.latency.p95),
    'p99 ms': num(m.latency.p99),
    'ok/s': num(m.throughputOkPerS, 2),
  };
}

export function scenarioRows(run: ScenarioRun): Record<ResultColumn, string>[] {
  return run.designs.map(resultRow);
}

/** One line on the Spotify calls a design timed inside itself (albumboard: the proxy call inside the API). */
export function innerCallLine(run: DesignRun): string | null {
  const l = run.innerCallLatency;
  if (!l || l.count === 0) return null;
  return `${run.design}: successful Spotify calls through the worker (inside the API, without HTTP and cache): n=${l.count}, p50 ${num(l.p50)} ms, p95 ${num(l.p95)} ms, p99 ${num(l.p99)} ms`;
}
