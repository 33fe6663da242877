import { DESIGN_NAMES } from '../designs/design';
import { runComparison } from '../lib/run-comparison';
import type { BenchRun } from '../lib/run-result';
import { renderLatencyChart } from '../report/latency-chart';
import { renderMarkdownReport } from '../report/markdown-report';
import { RESULT_COLUMNS, resultRow } from '../report/result-rows';
import { renderUpstreamChart } from '../report/upstream-chart';

/**
 * Smoke test: the harness runs every design on a tiny scenario (a few seconds, small budget) and produces every
 * column for every design. No assertion on time or on which design wins.
 */
describe('compare-designs harness', () => {
  let run: BenchRun;

  beforeAll(async () => {
    run = await runComparison({
      quick: true,
      scenarios: ['overload'],
      designs: [...DESIGN_NAMES],
      budgetPer30s: 12,
      userTimeoutMs: 1500,
      apiProcesses: 2,
      artistCount: 200,
      searchCacheTtlS: 3600,
      seed: 7,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      log: () => undefined,
    });
  });

  it('runs every design and fills every column', () => {
    expect(run.scenarios).toHaveLength(1);
    const [scenario] = run.scenarios;
    expect(scenario.designs.map((d) => d.design)).toEqual([...DESIGN_NAMES]);
    for (const design of scenario.designs) {
      expect({ design: design.design, failure: design.failure }).toEqual({ design: design.design, failure: undefined });
      expect(design.samples).toHaveLength(scenario.scenario.searches);
      const row = resultRow(design);
      for (const column of RESULT_COLUMNS) expect({ column, value: row[column] }).toEqual({ column, value: expect.stringMatching(/\S/) });
      const m = design.metrics!;
      expect(m.answers.ok + m.answers['503'] + m.answers['504'] + m.answers.other).toBe(scenario.scenario.searches);
      expect(m.upstream.total).toBe(design.upstream.length);
    }
    // albumboard's refusals are read off the HTTP answer: the api's error code and its Retry-After.
    const albumboard = scenario.designs.find((d) => d.design === 'albumboard')!;
    expect(albumboard.samples.some((x) => x.kind === '503')).toBe(true); // 5× the budget: some calls cannot fit
    for (const refusal of albumboard.samples.filter((x) => x.kind === '503')) {
      expect(refusal.detail).toMatch(/^spotify_|^queue_/);
      expect(refusal.retryAfterS).toBeGreaterThanOrEqual(0);
    }
  });

  it('computes every goal and renders the report and charts', () => {
    expect(run.goals.map((g) => g.id)).toEqual(
      expect.arrayContaining([
        'overload-budget',
        'overload-429',
        'overload-deadline',
        'overload-refusal-p99',
        'overload-retry-after',
        'overload-ok-latency',
        'latency-ratio',
        'hot-set-cost',
        'lockout-p99',
        'half-limit-429',
        'half-limit-use',
        'fairness-share',
        'prefer-wait',
      ]),
    );
    const overload = run.goals.filter((g) => g.id.startsWith('overload-'));
    for (const goal of overload) expect(typeof goal.pass).toBe('boolean');
    const md = renderMarkdownReport(run);
    for (const name of DESIGN_NAMES) expect(md).toContain(`| ${name} |`);
    const [scenario] = run.scenarios;
    const designs = scenario.designs.map((d) => ({ design: d.design, perSecond: d.metrics!.upstream.perSecond, rollingPer30s: d.metrics!.upstream.rollingPer30s, latenciesMs: d.samples.map((s) => s.latencyMs) }));
    const upstream = renderUpstreamChart({ title: 't', budgetPer30s: 12, realLimitPer30s: 12, loadSeconds: 6, designs });
    const latency = renderLatencyChart({ title: 't', designs });
    for (const svg of [upstream, latency]) {
      expect(svg.startsWith('<svg')).toBe(true);
      for (const name of DESIGN_NAMES) expect(svg).toContain(name);
    }
  });
});
