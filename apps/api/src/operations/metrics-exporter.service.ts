import type { Logger } from '@albumboard/observability';
import { Gauge, Registry } from 'prom-client';
import { withTimeout } from '../services/with-timeout';
import type { ApiMetrics } from './api-metrics';
import type { OpsQueues } from './ops-queues';
import { createSharedMetricsRegistry, readSharedSnapshot, type SharedSnapshot } from './shared-metrics.registry';
import type { SpotifyStatsReader } from './spotify-stats.reader';

export interface MetricsExporterDeps {
  metrics: ApiMetrics;
  queues: OpsQueues;
  stats: SpotifyStatsReader;
  logger: Logger;
  /** Longest wait for the Redis part of a scrape (default 3 s). */
  redisTimeoutMs?: number;
}

/**
 * `GET /metrics`: this process's instruments and the deployment-wide numbers the workers keep in Redis (BullMQ's queue
 * metrics included), all rendered by prom-client from one registry. The Redis part is read once per scrape; when Redis
 * does not answer, the process metrics are still served with `albumboard_redis_up 0`.
 */
export class MetricsExporter {
  private snapshot: SharedSnapshot | null = null;
  private readonly redisUp: Gauge;
  private readonly registry: Registry;

  constructor(private readonly deps: MetricsExporterDeps) {
    const own = new Registry();
    this.redisUp = new Gauge({ name: 'albumboard_redis_up', help: 'Whether Redis answered while collecting these metrics', registers: [own] });
    this.registry = Registry.merge([deps.metrics.registry, own, createSharedMetricsRegistry(() => this.snapshot)]);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One scrape. Concurrent scrapes each read their own snapshot; the registry renders the latest. */
  async render(): Promise<string> {
    const { queues, stats } = this.deps;
    try {
      this.snapshot = await withTimeout(
        readSharedSnapshot(queues.all(), (name) => stats.queueWait(name), () => stats.read()),
        this.deps.redisTimeoutMs ?? 3_000,
        'Redis did not answer in time',
      );
      this.redisUp.set(1);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'metrics: Redis did not answer; serving process metrics only');
      this.snapshot = null;
      this.redisUp.set(0);
    }
    return this.registry.metrics();
  }
}
