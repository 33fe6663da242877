import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dashboardExprs, installed, rules, RULES_FILE, RULES_TEST_FILE, seriesNames } from './support/prometheus-files';
import { abs, readYaml } from './support/repo';

/** promtool comes with Debian's `prometheus` package (.ci/run installs it). */
const promtool = installed('promtool');
if (!promtool) console.warn('SKIPPED infra/test/prometheus-rules.test.ts: promtool is not installed (apt-get install prometheus)');
const withPromtool = promtool ? describe : describe.skip;

interface RulesTest {
  tests: Array<{
    name: string;
    alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }>;
    promql_expr_test?: Array<{ expr: string; exp_samples: unknown[] }>;
  }>;
}
const unitTests = readYaml<RulesTest>(RULES_TEST_FILE);
const run = (args: string[], cwd: string) => spawnSync(promtool!, args, { cwd, encoding: 'utf8' });

withPromtool('the Prometheus rules (promtool)', () => {
  it('pass promtool check rules', () => {
    const result = run(['check', 'rules', abs(RULES_FILE)], abs('.'));
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('pass their unit tests (promtool test rules): series that fire each alert, series that must not', () => {
    const result = run(['test', 'rules', 'albumboard.rules.test.yml'], abs('infra/prometheus'));
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('would catch a broken rule: the unit tests fail when a threshold moves', () => {
    const dir = mkdtempSync(join(tmpdir(), 'albumboard-rules-'));
    try {
      cpSync(abs('infra/prometheus'), dir, { recursive: true });
      const file = join(dir, 'albumboard.rules.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('albumboard:search_answers_stale:ratio5m > 0.2', 'albumboard:search_answers_stale:ratio5m > 0.9'));
      const result = run(['test', 'rules', 'albumboard.rules.test.yml'], dir);
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('alertname: SearchStaleAnswers');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what the rule unit tests cover', () => {
  const alerts = rules().flatMap((rule) => (rule.alert ? [rule.alert] : []));
  const alertTests = unitTests.tests.flatMap((group) => group.alert_rule_test ?? []);

  it('has a case where each alert fires and one where it must stay silent', () => {
    for (const alert of alerts) {
      const cases = alertTests.filter((test) => test.alertname === alert);
      expect([alert, cases.some((test) => test.exp_alerts.length > 0)]).toEqual([alert, true]);
      expect([alert, cases.some((test) => test.exp_alerts.length === 0)]).toEqual([alert, true]);
    }
    expect(alerts.length).toBeGreaterThanOrEqual(15);
  });

  it("evaluates every expression of the Grafana dashboard, with the value it shows", () => {
    const tested = new Set(unitTests.tests.flatMap((group) => (group.promql_expr_test ?? []).filter((t) => t.exp_samples.length > 0).map((t) => t.expr)));
    const exprs = dashboardExprs();
    expect(exprs.length).toBeGreaterThanOrEqual(15);
    expect(exprs.filter((expr) => !tested.has(expr))).toEqual([]);
  });

  it('reads only recorded series that a rule records', () => {
    const recorded = new Set(rules().flatMap((rule) => (rule.record ? [rule.record] : [])));
    const read = [...rules().map((rule) => rule.expr), ...dashboardExprs()].flatMap(seriesNames).filter((name) => name.includes(':'));
    expect(read.filter((name) => !recorded.has(name))).toEqual([]);
    expect(read.length).toBeGreaterThan(0);
  });
});

describe('seriesNames', () => {
  it('finds the series an expression reads, not its functions, labels, groupings or strings', () => {
    expect(
      seriesNames(
        'sum by (code) (label_replace(rate(albumboard_spotify_calls_total{outcome=~"busy|x"}[5m]), "code", "spotify_busy", "outcome", "busy")) / max(albumboard:foo:ratio > 0) and on (queue) up',
      ),
    ).toEqual(['albumboard:foo:ratio', 'albumboard_spotify_calls_total', 'up']);
  });
});
