import { SPOTIFY_WORKER_STAGES, type HistogramSnapshot, type SpotifyWorkerStage } from '@albumboard/observability';
import type { QueueName } from '@albumboard/queue-contracts';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry, type Metric, type MetricValueWithName } from 'prom-client';
import type { RedisMemory, RedisMemoryWatch } from './redis-memory';
import type { SpotifyStats, SpotifyStatsReader } from './spotify-stats.reader';

/** The deployment-wide numbers of one scrape, read from Redis once before the registry is rendered. */
export interface SharedSnapshot {
  queues: Array<{ name: string; counts: Record<string, number>; completed: number; failed: number; workers: number }>;
  waits: Array<{ name: QueueName; wait: HistogramSnapshot }>;
  /** The stages worker-spotify times (`SPOTIFY_WORKER_STAGES`). */
  stages: Array<{ stage: SpotifyWorkerStage; snapshot: HistogramSnapshot }>;
  spotify: SpotifyStats;
  redisMemory: RedisMemory;
}

/**
 * Reads one SharedSnapshot: BullMQ's job counts per queue, the jobs the workers saw complete and fail, connected
 * workers, queue waits, Spotify stats, Redis' memory.
 */
export async function readSharedSnapshot(
  queues: Queue[],
  stats: Pick<SpotifyStatsReader, 'queueJobs' | 'queueWait' | 'stage' | 'read'>,
  memory: Pick<RedisMemoryWatch, 'read'>,
): Promise<SharedSnapshot> {
  const [perQueue, waits, stages, spotify, redisMemory] = await Promise.all([
    Promise.all(
      queues.map(async (queue) => {
        const [counts, finished, workers] = await Promise.all([queue.getJobCounts(), stats.queueJobs(queue.name as QueueName), queue.getWorkersCount()]);
        return { name: queue.name, counts, ...finished, workers };
      }),
    ),
    Promise.all(queues.map(async (queue) => ({ name: queue.name as QueueName, wait: await stats.queueWait(queue.name as QueueName) }))),
    Promise.all(SPOTIFY_WORKER_STAGES.map(async (name) => ({ stage: name, snapshot: await stats.stage(name) }))),
    stats.read(),
    memory.read(),
  ]);
  return { queues: perQueue, waits, stages, spotify, redisMemory };
}

/**
 * A histogram whose buckets another process keeps (the workers record queue waits in a Redis hash): prom-client's own
 * Histogram only counts observations of this process, so this collector hands the registry the recorded buckets in
 * prom-client's metric shape and lets it write the exposition.
 */
class RecordedHistogram {
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => Array<{ labels: Record<string, string>; snapshot: HistogramSnapshot }>,
  ) {}

  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: MetricValueWithName<string>[] }> {
    const values: MetricValueWithName<string>[] = this.read().flatMap(({ labels, snapshot }) => [
      ...snapshot.buckets.map(([le, count]) => ({ metricName: `${this.name}_bucket`, labels: { ...labels, le: le === Infinity ? '+Inf' : le }, value: count })),
      { metricName: `${this.name}_sum`, labels, value: snapshot.sum },
      { metricName: `${this.name}_count`, labels, value: snapshot.count },
    ]);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/**
 * The registry of the numbers the workers keep in Redis and BullMQ's queue metrics: each metric's `collect()` reads
 * the snapshot of the scrape in progress (`current()`), and has no values when Redis did not answer (null).
 */
export function createSharedMetricsRegistry(current: () => SharedSnapshot | null): Registry {
  const registry = new Registry();
  /** A Gauge or Counter whose collect() refills it from the scrape's snapshot (a label-less one is absent until filled). */
  function collected<M extends Gauge | Counter>(make: (collect: () => void) => M, labelless: boolean, fill: (m: M, s: SharedSnapshot) => void): void {
    const metric: M = make(() => {
      metric.reset();
      if (labelless) metric.remove();
      const snapshot = current();
      if (snapshot) fill(metric, snapshot);
    });
  }
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: SharedSnapshot) => void) =>
    collected((collect) => new Gauge({ name, help, labelNames, registers, collect }), labelNames.length === 0, fill);
  const counter = (name: string, help: string, labelNames: string[], fill: (c: Counter, s: SharedSnapshot) => void) =>
    collected((collect) => new Counter({ name, help, labelNames, registers, collect }), labelNames.length === 0, fill);

  gauge('bullmq_job_count', 'Number of jobs in the queue by state', ['queue', 'state'], (g, s) => {
    for (const q of s.queues) for (const [state, count] of Object.entries(q.counts)) g.set({ queue: q.name, state }, count);
  });
  counter('bullmq_job_completed_total', 'Jobs completed, counted by the workers', ['queue'], (c, s) => {
    for (const q of s.queues) c.inc({ queue: q.name }, q.completed);
  });
  counter('bullmq_job_failed_total', 'Jobs failed with no retry left, counted by the workers', ['queue'], (c, s) => {
    for (const q of s.queues) c.inc({ queue: q.name }, q.failed);
  });
  gauge('albumboard_queue_workers', 'Workers connected to the queue (worker-spotify: exactly 1 expected)', ['queue'], (g, s) => {
    for (const q of s.queues) g.set({ queue: q.name }, q.workers);
  });
  registry.registerMetric(
    // prom-client renders any metric with get(); its Metric type only names its own classes.
    new RecordedHistogram('albumboard_queue_wait_seconds', 'Time jobs waited in the queue before a worker took them (recorded by the workers)', () =>
      (current()?.waits ?? []).map(({ name, wait }) => ({ labels: { queue: name }, snapshot: wait })),
    ) as unknown as Metric,
  );
  registry.registerMetric(
    new RecordedHistogram(
      'albumboard_spotify_worker_stage_seconds',
      'Stages of a Spotify call timed by worker-spotify: upstream_request (each HTTP request to Spotify) and processing (job taken to job completed)',
      () => (current()?.stages ?? []).map(({ stage, snapshot }) => ({ labels: { stage }, snapshot })),
    ) as unknown as Metric,
  );
  counter('albumboard_spotify_upstream_requests_total', 'HTTP requests worker-spotify sent to Spotify, by endpoint and answer status (network_error when none came)', ['endpoint', 'status'], (c, s) => {
    for (const r of s.spotify.upstreamRequests) c.inc({ endpoint: r.endpoint, status: r.status }, r.count);
  });
  gauge('albumboard_redis_used_memory_bytes', "Redis' used_memory (INFO memory)", [], (g, s) => g.set(s.redisMemory.usedBytes));
  gauge('albumboard_redis_maxmemory_bytes', "Redis' maxmemory (0: no limit); memory pressure from 90 % of it", [], (g, s) => g.set(s.redisMemory.maxmemoryBytes ?? 0));
  gauge('albumboard_spotify_upstream_429_last_hour', '429 answers from Spotify in the last hour', [], (g, s) => g.set(s.spotify.upstream429LastHour));
  gauge('albumboard_spotify_budget_requests', 'SPOTIFY_BUDGET_PER_30S published by worker-spotify (absent until it started)', [], (g, s) => {
    if (s.spotify.budget.config) g.set(s.spotify.budget.config.budget);
  });
  gauge('albumboard_spotify_budget_limit_in_force_requests', 'Requests the budget gate allows per window now (lower than the budget after a 429, while it probes back up)', [], (g, s) => {
    if (s.spotify.budget.limitInForce !== null) g.set(s.spotify.budget.limitInForce);
  });
  gauge('albumboard_spotify_budget_used_requests', 'Upstream requests sent in the current rolling window', [], (g, s) => g.set(s.spotify.budget.used));
  gauge('albumboard_spotify_budget_remaining_requests', 'Requests left in the current rolling window', [], (g, s) => {
    if (s.spotify.budget.remaining !== null) g.set(s.spotify.budget.remaining);
  });
  gauge('albumboard_spotify_cooldown_seconds', 'Seconds until the Spotify cool-down ends (0: none)', [], (g, s) => {
    const { cooldown, now } = s.spotify;
    g.set(cooldown ? Math.max(0, (cooldown.until - now) / 1000) : 0);
  });
  gauge('albumboard_spotify_pause_seconds', 'Seconds until the short Retry-After pause ends (0: none)', [], (g, s) => {
    g.set(s.spotify.pauseUntil === null ? 0 : Math.max(0, (s.spotify.pauseUntil - s.spotify.now) / 1000));
  });
  return registry;
}
