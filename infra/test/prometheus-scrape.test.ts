import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from '../faults/support/ports';
import { Stack } from '../faults/support/stack';
import { dashboardExprs, installed, rules, RULES_FILE, seriesNames } from './support/prometheus-files';
import { abs } from './support/repo';

/**
 * A real Prometheus (Debian's `prometheus`) scrapes the api of a running deployment — the built apps as processes,
 * the three workers included, whose numbers reach /metrics through Redis — with albumboard's rules loaded. Every
 * series the rules and the dashboard read must be in what it scraped, every rule must evaluate without error, and
 * every dashboard expression must run.
 */
const prometheusBin = installed('prometheus');
if (!prometheusBin) console.warn('SKIPPED infra/test/prometheus-scrape.test.ts: prometheus is not installed (apt-get install prometheus)');
const withPrometheus = prometheusBin ? describe : describe.skip;

withPrometheus('a real Prometheus scraping the running apps', () => {
  let stack: Stack;
  let prometheus: ChildProcess;
  let promUrl: string;
  let dir: string;
  let log = '';

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${promUrl}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error}`);
    return body.data;
  };
  const query = (expr: string) => api<{ resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);

  beforeAll(async () => {
    stack = new Stack();
    await stack.boot();
    // Traffic that makes the api's per-process series exist: a search from Spotify, the same from the cache.
    for (const _ of [1, 2]) expect((await fetch(`${stack.apiUrl}/api/v1/search?query=${encodeURIComponent('Radiohead')}`)).status).toBe(200);

    dir = mkdtempSync(join(tmpdir(), 'albumboard-prometheus-'));
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: [${JSON.stringify(abs(RULES_FILE))}]`,
        'scrape_configs:',
        '  - job_name: albumboard-api',
        '    authorization: { credentials_file: ' + JSON.stringify(join(dir, 'metrics-token')) + ' }',
        `    static_configs: [{ targets: [${JSON.stringify(stack.apiUrl.replace('http://', ''))}] }]`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'metrics-token'), stack.secrets.metricsToken);
    prometheus = spawn(prometheusBin!, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prometheus.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
    prometheus.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
    // Three scrapes at least (rates need two), and the rules evaluated after them.
    await waitUntil(
      'Prometheus to scrape the api three times',
      async () => {
        try {
          const result = await query('count_over_time(albumboard_redis_up[1m])');
          return Number(result.result[0]?.value[1] ?? 0) >= 3;
        } catch {
          return false;
        }
      },
      60_000,
      250,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${log.slice(-3000)}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  }, 180_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the api as a healthy target, with the workers on every queue', async () => {
    const targets = await api<{ activeTargets: Array<{ labels: Record<string, string>; health: string; lastError: string }> }>('/api/v1/targets');
    expect(targets.activeTargets.map((t) => [t.labels.job, t.health, t.lastError])).toEqual([['albumboard-api', 'up', '']]);
    const workers = await query('min by (queue) (albumboard_queue_workers)');
    expect(Object.fromEntries(workers.result.map((r) => [r.metric.queue, Number(r.value[1])]))).toEqual({ default: 1, spotify: 1, leaderboard: 1 });
    expect(Number((await query('max(albumboard_spotify_budget_requests)')).result[0].value[1])).toBe(300);
  });

  it('has every series the rules and the dashboard read in what it scraped', async () => {
    const scraped = new Set(await api<string[]>('/api/v1/label/__name__/values'));
    const read = new Set([...rules().map((rule) => rule.expr), ...dashboardExprs()].flatMap(seriesNames).filter((name) => !name.includes(':')));
    expect(read.size).toBeGreaterThanOrEqual(20);
    const missing = [...read].filter((name) => !scraped.has(name)).sort();
    expect(missing).toEqual([]); // the Redis memory gauges (RedisNearMaxmemory) included
  });

  it('evaluates every rule without error, and records the series the dashboard reads', async () => {
    const groups = await api<{ groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string; type: string }> }> }>('/api/v1/rules');
    const loaded = groups.groups.flatMap((group) => group.rules);
    expect(loaded.length).toBe(rules().length);
    expect(loaded.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.health} ${rule.lastError ?? ''}`)).toEqual([]);
    // Series the traffic above must have produced, through the recording rules.
    expect((await query('albumboard:search_answers:rate5m')).result.map((r) => r.metric.answer).sort()).toEqual(['hit', 'miss']);
    expect((await query('albumboard:queue_backlog:jobs')).result.map((r) => r.metric.queue).sort()).toEqual(['default', 'leaderboard', 'spotify']);
    expect((await query('albumboard:spotify_budget_used:ratio')).result).toHaveLength(1);
    // Nothing is wrong with this deployment: no alert fires (AlbumboardMetricsAbsent included: the api is scraped).
    const alerts = await api<{ alerts: Array<{ labels: Record<string, string>; state: string }> }>('/api/v1/alerts');
    expect(alerts.alerts.filter((a) => a.state === 'firing').map((a) => a.labels.alertname)).toEqual([]);
  });

  it('runs every dashboard expression', async () => {
    for (const expr of dashboardExprs()) await expect(query(expr).then((r) => r.resultType)).resolves.toBe('vector');
  });
});
