import { formatPrometheusText, mergePrometheusText, type Logger, type PrometheusFamily } from '@albumboard/observability';
import { withTimeout } from '../services/with-timeout';
import type { ApiMetrics } from './api-metrics';
import type { OpsQueues } from './ops-queues';
import type { SpotifyStatsReader } from './spotify-stats.reader';

export interface MetricsExporterDeps {
  metrics: ApiMetrics;
  queues: OpsQueues;
  stats: SpotifyStatsReader;
  logger: Logger;
  /** Longest wait for the Redis part of a scrape (default 3 s). */
  redisTimeoutMs?: number;
}

const gauge = (name: string, help: string, samples: PrometheusFamily['samples']): PrometheusFamily => ({ name, help, type: 'gauge', samples });
const one = (name: string, value: number, labels: Record<string, string> = {}) => ({ name, labels, value });

/**
 * `GET /metrics`: this process's instruments (prom-client), BullMQ's own queue metrics (`exportPrometheusMetrics`) and
 * the deployment-wide numbers worker-spotify and the workers keep in Redis, merged into one valid exposition (one
 * HELP/TYPE per family). When Redis does not answer, the process metrics are still served with `albumboard_redis_up 0`.
 */
export class MetricsExporter {
  constructor(private readonly deps: MetricsExporterDeps) {}

  async render(): Promise<string> {
    const own = await this.deps.metrics.registry.metrics();
    let shared: string[];
    let redisUp = 1;
    try {
      shared = await withTimeout(this.sharedMetrics(), this.deps.redisTimeoutMs ?? 3_000, 'Redis did not answer in time');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'metrics: Redis did not answer; serving process metrics only');
      shared = [];
      redisUp = 0;
    }
    const up = formatPrometheusText([gauge('albumboard_redis_up', 'Whether Redis answered while collecting these metrics', [one('albumboard_redis_up', redisUp)])]);
    return mergePrometheusText(own, up, ...shared);
  }

  private async sharedMetrics(): Promise<string[]> {
    const { queues, stats } = this.deps;
    const bullmq = await Promise.all(queues.all().map((queue) => queue.exportPrometheusMetrics()));
    const workers = await Promise.all(queues.all().map(async (queue) => one('albumboard_queue_workers', await queue.getWorkersCount(), { queue: queue.name })));
    const waits = await Promise.all(queues.names.map(async (name) => ({ name, wait: await stats.queueWait(name) })));
    const s = await stats.read();
    const families: PrometheusFamily[] = [
      gauge('albumboard_queue_workers', 'Workers connected to the queue (worker-spotify: exactly 1 expected)', workers),
      {
        name: 'albumboard_queue_wait_seconds',
        help: 'Time jobs waited in the queue before a worker took them (recorded by the workers)',
        type: 'histogram',
        samples: waits.flatMap(({ name, wait }) => [
          ...wait.buckets.map(([le, count]) => one('albumboard_queue_wait_seconds_bucket', count, { queue: name, le: le === Infinity ? '+Inf' : String(le) })),
          one('albumboard_queue_wait_seconds_sum', wait.sum, { queue: name }),
          one('albumboard_queue_wait_seconds_count', wait.count, { queue: name }),
        ]),
      },
      {
        name: 'albumboard_spotify_upstream_requests_total',
        help: 'HTTP requests worker-spotify sent to Spotify, by endpoint and answer status (network_error when none came)',
        type: 'counter',
        samples: s.upstreamRequests.map((r) => one('albumboard_spotify_upstream_requests_total', r.count, { endpoint: r.endpoint, status: r.status })),
      },
      gauge('albumboard_spotify_upstream_429_last_hour', '429 answers from Spotify in the last hour', [one('albumboard_spotify_upstream_429_last_hour', s.upstream429LastHour)]),
      gauge('albumboard_spotify_budget_requests', 'SPOTIFY_BUDGET_PER_30S published by worker-spotify (absent until it started)', s.budget.config ? [one('albumboard_spotify_budget_requests', s.budget.config.budget)] : []),
      gauge('albumboard_spotify_budget_limit_in_force_requests', 'Requests the budget gate allows per window now (lower than the budget after a 429, while it probes back up)', s.budget.limitInForce === null ? [] : [one('albumboard_spotify_budget_limit_in_force_requests', s.budget.limitInForce)]),
      gauge('albumboard_spotify_budget_used_requests', 'Upstream requests sent in the current rolling window', [one('albumboard_spotify_budget_used_requests', s.budget.used)]),
      gauge('albumboard_spotify_budget_remaining_requests', 'Requests left in the current rolling window', s.budget.remaining === null ? [] : [one('albumboard_spotify_budget_remaining_requests', s.budget.remaining)]),
      gauge('albumboard_spotify_cooldown_seconds', 'Seconds until the Spotify cool-down ends (0: none)', [
        one('albumboard_spotify_cooldown_seconds', s.cooldown ? Math.max(0, (s.cooldown.until - s.now) / 1000) : 0),
      ]),
      gauge('albumboard_spotify_pause_seconds', 'Seconds until the short Retry-After pause ends (0: none)', [
        one('albumboard_spotify_pause_seconds', s.pauseUntil === null ? 0 : (s.pauseUntil - s.now) / 1000),
      ]),
    ];
    return [...bullmq, formatPrometheusText(families.filter((family) => family.samples.length > 0 || family.type === 'counter'))];
  }
}
