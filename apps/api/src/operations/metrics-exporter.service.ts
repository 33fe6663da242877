import type { Logger } from '@albumboard/observability';
import { Gauge, Registry, type Metric, type RegistryContentType } from 'prom-client';
import { withTimeout } from '@albumboard/redis-connection';
import type { ApiMetrics } from './api-metrics';
import type { OpsQueues } from './ops-queues';
import { createSharedMetricsRegistry, readSharedSnapshot, type SharedSnapshot } from './shared-metrics.registry';
import type { RedisMemoryWatch } from './redis-memory';
import type { SpotifyStatsReader } from './spotify-stats.reader';

export interface MetricsExporterDeps {
  metrics: ApiMetrics;
  queues: OpsQueues;
  stats: SpotifyStatsReader;
  memory: RedisMemoryWatch;
  logger: Logger;
  /** The ratings database, pinged once per scrape for `albumboard_database_up` (absent: no such gauge). */
  database?: { ping(): Promise<unknown> };
  /** Longest wait for the Redis part of a scrape, and for the database's ping (default 3 s). */
  timeoutMs?: number;
}

/**
 * `GET /metrics`: this process's instruments and the deployment-wide numbers the workers keep in Redis (BullMQ's queue
 * metrics included), all rendered by prom-client from one registry. The Redis part is read once per scrape; when Redis
 * does not answer, the process metrics are still served with `albumboard_redis_up 0`.
 */
/** `prometheus`: the text format every scraper reads; `openmetrics`: asked for by Accept, carries the exemplars. */
export type MetricsFormat = 'prometheus' | 'openmetrics';

export class MetricsExporter {
  private snapshot: SharedSnapshot | null = null;
  private readonly redisUp: Gauge;
  private readonly databaseUp: Gauge | null;
  /** The same instruments twice: as Prometheus text (the default) and as OpenMetrics (exemplars included). */
  private readonly registries: Record<MetricsFormat, Registry<RegistryContentType>>;
  private rendering: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: MetricsExporterDeps) {
    const own = new Registry();
    this.redisUp = new Gauge({ name: 'albumboard_redis_up', help: 'Whether Redis answered while collecting these metrics', registers: [own] });
    this.databaseUp = deps.database
      ? new Gauge({ name: 'albumboard_database_up', help: 'Whether the ratings database answered a ping while collecting these metrics', registers: [own] })
      : null;
    const metrics = [deps.metrics.registry, own, createSharedMetricsRegistry(() => this.snapshot)].flatMap((r) => r.getMetricsAsArray());
    // Registry.merge's way (the same metric objects in a new registry), once per format.
    const registryOf = (contentType: RegistryContentType): Registry<RegistryContentType> => {
      const registry = new Registry<RegistryContentType>();
      registry.setContentType(contentType);
      for (const metric of metrics) registry.registerMetric(metric as unknown as Metric);
      return registry;
    };
    this.registries = { prometheus: registryOf(Registry.PROMETHEUS_CONTENT_TYPE), openmetrics: registryOf(Registry.OPENMETRICS_CONTENT_TYPE) };
  }

  contentType(format: MetricsFormat = 'prometheus'): string {
    return this.registries[format].contentType;
  }

  /** One scrape. Concurrent scrapes each read their own snapshot; the registry renders the latest. */
  async render(format: MetricsFormat = 'prometheus'): Promise<string> {
    await Promise.all([this.readRedis(), this.pingDatabase()]);
    return this.renderAs(format);
  }

  private async pingDatabase(): Promise<void> {
    const { database } = this.deps;
    if (!database || !this.databaseUp) return;
    try {
      await withTimeout(database.ping(), this.deps.timeoutMs ?? 3_000, 'the database did not answer in time');
      this.databaseUp.set(1);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'metrics: the ratings database did not answer');
      this.databaseUp.set(0);
    }
  }

  private async readRedis(): Promise<void> {
    const { queues, stats } = this.deps;
    try {
      this.snapshot = await withTimeout(
        readSharedSnapshot(queues.all(), stats, this.deps.memory),
        this.deps.timeoutMs ?? 3_000,
        'Redis did not answer in time',
      );
      this.redisUp.set(1);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'metrics: Redis did not answer; serving process metrics only');
      this.snapshot = null;
      this.redisUp.set(0);
    }
  }

  /**
   * prom-client renames a counter (drops `_total`) when an OpenMetrics registry renders it, on the metric object both
   * registries share: renders run one at a time, and the names are put back after each OpenMetrics one.
   */
  private renderAs(format: MetricsFormat): Promise<string> {
    const run = this.rendering.then(async () => {
      const registry = this.registries[format];
      const names = registry.getMetricsAsArray().map((metric) => [metric, metric.name] as const);
      try {
        return await registry.metrics();
      } finally {
        for (const [metric, name] of names) (metric as { name: string }).name = name;
      }
    });
    this.rendering = run.catch(() => undefined);
    return run;
  }
}
