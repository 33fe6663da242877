import { summarizeLatencies } from './latency-stats';
import { meanRollingCount } from './rolling-window';
import type { DesignRun, GoalResult, ScenarioRun } from './run-result';
import { staleGoal } from './stale-goal';
import { HEAVY_CLIENT } from '../scenarios/fairness.scenario';
import { PREFER_WAIT_S } from '../scenarios/prefer-wait.scenario';

/** The goals, measured on albumboard in the same run as the other designs. */

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

function designIn(runs: readonly ScenarioRun[], scenario: string, design: string): { run: ScenarioRun; design: DesignRun } | null {
  const run = runs.find((r) => r.scenario.name === scenario);
  const found = run?.designs.find((d) => d.design === design);
  return run && found && found.metrics ? { run, design: found } : null;
}

function notMeasured(id: string, description: string, target: string, why: string): GoalResult {
  return { id, description, target, measured: `not measured (${why})`, pass: null };
}

export function overloadGoals(runs: readonly ScenarioRun[], scenario = 'overload'): GoalResult[] {
  const found = designIn(runs, scenario, 'albumboard');
  const d1 = 'Budget used under 5× overload (mean rolling 30 s / budget)';
  const d2 = 'Upstream 429s under 5× overload';
  if (!found) return [notMeasured('overload-budget', d1, '≥ 95 %', `no ${scenario} run`), notMeasured('overload-429', d2, '0', `no ${scenario} run`)];
  const m = found.design.metrics!;
  return [
    { id: 'overload-budget', description: d1, target: '≥ 95 %', measured: `${pct(m.budgetShare)} (${m.upstream.acceptedMeanPer30s}/${found.run.budgetPer30s} per 30 s)`, pass: m.budgetShare >= 0.95 },
    { id: 'overload-429', description: d2, target: '0', measured: String(m.upstream.status429), pass: m.upstream.status429 === 0 },
  ];
}

/**
 * What the people waiting got under 5× overload: few answers at their deadline (504: the user's patience ran out),
 * refusals at once (503) and each with a Retry-After, and the ok answers' latency.
 */
export function overloadAnswerGoals(runs: readonly ScenarioRun[], scenario = 'overload'): GoalResult[] {
  const d1 = 'Answers at their deadline under 5× overload (504 / all searches)';
  const d2 = 'p99 of the refusals (503) under 5× overload';
  const d3 = 'Refusals (503) under 5× overload that carry Retry-After';
  const d4 = "ok answers' p50 / p95 under 5× overload (p95 ≤ 2 s)";
  const found = designIn(runs, scenario, 'albumboard');
  if (!found) {
    const why = `no ${scenario} run`;
    return [notMeasured('overload-deadline', d1, '≤ 1 %', why), notMeasured('overload-refusal-p99', d2, '≤ 50 ms', why), notMeasured('overload-retry-after', d3, 'all', why), notMeasured('overload-ok-latency', d4, '≤ 2000 ms', why)];
  }
  const samples = found.design.samples;
  const late = samples.filter((x) => x.kind === '504').length;
  const refusals = samples.filter((x) => x.kind === '503');
  const withRetryAfter = refusals.filter((x) => x.retryAfterS !== undefined).length;
  const refusalP99 = summarizeLatencies(refusals.map((x) => x.latencyMs)).p99;
  const ok = summarizeLatencies(samples.filter((x) => x.kind === 'ok').map((x) => x.latencyMs));
  const lateShare = samples.length ? late / samples.length : 0;
  return [
    { id: 'overload-deadline', description: d1, target: '≤ 1 %', measured: `${pct(lateShare)} (${late} of ${samples.length})`, pass: samples.length > 0 && lateShare <= 0.01 },
    refusalP99 === null
      ? notMeasured('overload-refusal-p99', d2, '≤ 50 ms', 'no refusals')
      : { id: 'overload-refusal-p99', description: d2, target: '≤ 50 ms', measured: `${refusalP99} ms over ${refusals.length} refusals`, pass: refusalP99 <= 50 },
    { id: 'overload-retry-after', description: d3, target: 'all', measured: `${withRetryAfter} of ${refusals.length}`, pass: withRetryAfter === refusals.length },
    ok.p50 === null || ok.p95 === null
      ? notMeasured('overload-ok-latency', d4, '≤ 2000 ms', 'no ok answers')
      : { id: 'overload-ok-latency', description: d4, target: '≤ 2000 ms', measured: `${ok.p50} ms / ${ok.p95} ms over ${ok.count} answers`, pass: ok.p95 <= 2000 },
  ];
}

/** p50 through the worker against p50 of direct calls, same queries and arrivals, under the budget. */
export function latencyRatioGoal(workerP50: number | null, directP50: number | null, context: string, target = 1.1): GoalResult {
  const description = `p50 through the worker ÷ p50 direct (${context})`;
  if (workerP50 === null || directP50 === null || directP50 <= 0) return notMeasured('latency-ratio', description, `≤ ${target.toFixed(2)}`, 'missing samples');
  const ratio = workerP50 / directP50;
  return { id: 'latency-ratio', description, target: `≤ ${target.toFixed(2)}`, measured: `${ratio.toFixed(3)} (${workerP50} ms vs ${directP50} ms)`, pass: ratio <= target };
}

/** Redis commands per uncached call through the worker (issue 13: ≤ 60). */
export function redisCommandsGoal(perCall: number, target: number): GoalResult {
  return {
    id: 'redis-commands',
    description: 'Redis commands per uncached searchArtistAlbums through the worker (INFO commandstats around each call)',
    target: `≤ ${target}`,
    measured: perCall.toFixed(1),
    pass: perCall <= target,
  };
}

/**
 * Steady scenario, 50 ms: albumboard's Spotify call through the worker (the proxy call inside the API, same queries
 * and arrivals) against the direct design's in-process call. The end-to-end ratio (HTTP API + cache) is shown too.
 */
export function steadyLatencyGoal(runs: readonly ScenarioRun[]): GoalResult {
  const album = designIn(runs, 'steady', 'albumboard');
  const direct = designIn(runs, 'steady', 'direct');
  if (!album || !direct) return notMeasured('latency-ratio', 'p50 through the worker ÷ p50 direct (steady, 50 ms)', '≤ 1.10', 'steady needs albumboard and direct');
  const directP50 = direct.design.metrics!.latency.p50;
  const goal = latencyRatioGoal(album.design.innerCallLatency?.p50 ?? null, directP50, 'steady, 50 ms: proxy call inside the API vs the direct design');
  const endToEnd = album.design.metrics!.latency.p50;
  const e2e = endToEnd !== null && directP50 ? `; end to end through the HTTP API ${(endToEnd / directP50).toFixed(3)} (${endToEnd} ms)` : '';
  return { ...goal, measured: `${goal.measured}${e2e}` };
}

export function hotSetGoal(runs: readonly ScenarioRun[], cacheTtlS: number): GoalResult {
  const description = 'Upstream calls per distinct query per cache lifetime (hot set; 1 call = search + albums = 2 requests)';
  const found = designIn(runs, 'hot-set', 'albumboard');
  if (!found) return notMeasured('hot-set-cost', description, '≤ 1', 'no hot-set run');
  const d = found.design;
  const lifetimes = Math.max(1, Math.ceil((d.drainedAt - d.startedAt) / 1000 / Math.max(1, cacheTtlS)));
  // Requests from the start of the load on (the warm-up search before it is not one of the plan's queries).
  const requests = d.upstream.filter((e) => e.t >= d.startedAt).length;
  const perQuery = requests / 2 / (found.run.scenario.distinctQueries * lifetimes);
  return {
    id: 'hot-set-cost',
    description,
    target: '≤ 1',
    measured: `${perQuery.toFixed(3)} (${requests} requests, ${found.run.scenario.distinctQueries} distinct queries)`,
    pass: perQuery <= 1,
  };
}

export function lockoutGoal(runs: readonly ScenarioRun[]): GoalResult {
  const description = 'p99 answer time during the quota lock-out (searches started after the first QUOTA 429)';
  const found = designIn(runs, 'quota-lockout', 'albumboard');
  if (!found) return notMeasured('lockout-p99', description, '≤ 50 ms', 'no quota-lockout run');
  const lockAt = found.design.startedAt + (found.run.scenario.events[0]?.atMs ?? 0);
  const first429 = found.design.upstream.filter((e) => e.status === 429 && e.t >= lockAt - 1000).map((e) => e.t).sort((a, b) => a - b)[0];
  if (first429 === undefined) return notMeasured('lockout-p99', description, '≤ 50 ms', 'albumboard never saw the lock-out');
  const during = found.design.samples.filter((s) => s.startedAt > first429);
  const summary = summarizeLatencies(during.map((s) => s.latencyMs));
  if (summary.p99 === null) return notMeasured('lockout-p99', description, '≤ 50 ms', 'no searches after the lock-out');
  return { id: 'lockout-p99', description, target: '≤ 50 ms', measured: `${summary.p99} ms over ${summary.count} answers`, pass: summary.p99 <= 50 };
}

export function halfLimitGoals(runs: readonly ScenarioRun[]): GoalResult[] {
  const d1 = 'Upstream 429s per minute after the first minute (real limit = budget/2)';
  const d2 = 'Real limit used after the first minute (mean rolling 30 s / real limit)';
  const found = designIn(runs, 'half-limit', 'albumboard');
  const span = found ? found.design.endedAt - found.design.startedAt : 0;
  if (!found || span <= 60_000) {
    const why = found ? 'run shorter than a minute' : 'no half-limit run';
    return [notMeasured('half-limit-429', d1, '≤ 1 / min', why), notMeasured('half-limit-use', d2, '≥ 80 %', why)];
  }
  const { startedAt, endedAt, upstream } = found.design;
  const after = startedAt + 60_000;
  const late429 = upstream.filter((e) => e.status === 429 && e.t > after && e.t <= endedAt).length;
  const perMin = late429 / ((endedAt - after) / 60_000);
  const accepted = upstream.filter((e) => e.status !== 429).map((e) => e.t);
  const share = meanRollingCount(accepted, after, endedAt) / found.run.scenario.realLimitPer30s;
  return [
    { id: 'half-limit-429', description: d1, target: '≤ 1 / min', measured: `${perMin.toFixed(1)} / min (${late429} in ${((endedAt - after) / 1000).toFixed(0)} s)`, pass: perMin <= 1 },
    { id: 'half-limit-use', description: d2, target: '≥ 80 %', measured: pct(share), pass: share >= 0.8 },
  ];
}

/** Fair share: the light clients' share of the ok answers while one heavy client sends most of the load. */
export function fairnessGoal(runs: readonly ScenarioRun[]): GoalResult {
  const description = "Light clients' share of the ok answers (one heavy client + 4 light ones, 5× the budget)";
  const found = designIn(runs, 'fairness', 'albumboard');
  if (!found) return notMeasured('fairness-share', description, '≥ 60 %', 'no fairness run');
  const samples = found.design.samples;
  const ok = samples.filter((x) => x.kind === 'ok');
  const lightOk = ok.filter((x) => x.client !== HEAVY_CLIENT).length;
  const lightOffered = samples.filter((x) => x.client !== HEAVY_CLIENT).length;
  const share = ok.length ? lightOk / ok.length : 0;
  const offered = samples.length ? lightOffered / samples.length : 0;
  return {
    id: 'fairness-share',
    description,
    target: '≥ 60 %',
    measured: `${pct(share)} (${lightOk} of ${ok.length} ok answers; ${pct(offered)} of the searches offered)`,
    pass: ok.length > 0 && share >= 0.6,
  };
}

/** `Prefer: wait=1`: every search answered or refused within 1.5 s. */
export function preferWaitGoal(runs: readonly ScenarioRun[]): GoalResult {
  const description = `Searches sent with Prefer: wait=${PREFER_WAIT_S} answered or refused within 1.5 s (5× overload)`;
  const found = designIn(runs, 'prefer-wait', 'albumboard');
  if (!found) return notMeasured('prefer-wait', description, 'all', 'no prefer-wait run');
  const samples = found.design.samples;
  const inTime = samples.filter((x) => x.latencyMs <= 1500).length;
  const slowest = Math.max(0, ...samples.map((x) => x.latencyMs));
  const ok = samples.filter((x) => x.kind === 'ok').length;
  return {
    id: 'prefer-wait',
    description,
    target: 'all',
    measured: `${inTime} of ${samples.length} (slowest ${slowest.toFixed(0)} ms; ${ok} ok)`,
    pass: samples.length > 0 && inTime === samples.length,
  };
}

export function allGoals(runs: readonly ScenarioRun[], cacheTtlS: number): GoalResult[] {
  return [
    ...overloadGoals(runs),
    ...overloadAnswerGoals(runs),
    steadyLatencyGoal(runs),
    hotSetGoal(runs, cacheTtlS),
    lockoutGoal(runs),
    ...halfLimitGoals(runs),
    staleGoal(runs),
    fairnessGoal(runs),
    preferWaitGoal(runs),
  ];
}

export function goalMark(goal: GoalResult): string {
  return goal.pass === null ? 'N/A' : goal.pass ? 'PASS' : 'MISS';
}
