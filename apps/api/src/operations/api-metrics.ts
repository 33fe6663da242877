import { STAGE_BUCKETS_S } from '@albumboard/observability';
import { collectDefaultMetrics, Counter, Histogram, Registry, type RegistryContentType } from 'prom-client';

/**
 * The api's own instruments (process-local: each api replica reports its own), on a registry per app. The latency
 * histograms keep, per bucket, the trace id of the last traced observation (an exemplar, served in OpenMetrics).
 */
export interface ApiMetrics {
  registry: Registry<RegistryContentType>;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  searchCache: Counter<'result'>;
  /** Search answers by how the cache took part (`MeteredSearchService`): hit, miss, refreshed, stale, uncached. */
  searchAnswers: Counter<'answer'>;
  spotifyCalls: Counter<'method' | 'outcome'>;
  spotifyCallDuration: Histogram<'method' | 'outcome'>;
  /** The stages of a Spotify call this api times (the worker proxy's `observeStages`): `enqueue`, `result_delivery`. */
  spotifyCallStage: Histogram<'stage'>;
}

export interface ApiMetricsOptions {
  /** Add prom-client's process metrics (CPU, memory, event loop). Default true. */
  processMetrics?: boolean;
  /** The Spotify caller's count of calls that joined an identical one in flight; absent when the caller never coalesces (direct mode). */
  coalescedCalls?: () => Readonly<Partial<Record<string, number>>>;
}

/**
 * The exemplar of an observation made inside trace `traceId` (none outside a trace). prom-client types exemplar labels
 * as the metric's own label names; the exemplar's one label is `traceId`.
 */
export function traceExemplar<T extends string>(traceId: string | undefined): Partial<Record<T, string>> {
  return (traceId ? { traceId } : {}) as Partial<Record<T, string>>;
}

/** Builds the registry and instruments. */
export function createApiMetrics(options: ApiMetricsOptions = {}): ApiMetrics {
  // OpenMetrics: what prom-client requires of a registry whose histograms keep exemplars. /metrics renders these same
  // instruments as Prometheus text too (MetricsExporter).
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const { coalescedCalls } = options;
  if (coalescedCalls) {
    new Counter({
      name: 'albumboard_spotify_calls_coalesced_total',
      help: 'Spotify calls that joined an identical call already in flight in this api process (no new job)',
      labelNames: ['method'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [method, count] of Object.entries(coalescedCalls())) if (count) this.inc({ method }, count);
      },
    });
  }
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests served by the api, by route template and status',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
      // A traced request's trace id rides on its bucket (OpenMetrics exemplar): a slow bucket leads to a trace.
      enableExemplars: true,
    }),
    searchCache: new Counter({
      name: 'albumboard_search_cache_requests_total',
      help: 'Search cache lookups by result (hit: fresh, answered without a Spotify call; stale: past fresh, Spotify asked; miss)',
      labelNames: ['result'],
      registers: [registry],
    }),
    searchAnswers: new Counter({
      name: 'albumboard_search_answers_total',
      help: 'Search answers by how the cache took part (hit: fresh copy; miss, refreshed: from Spotify; stale: Spotify refused or failed, the stale copy answered; uncached: cache off)',
      labelNames: ['answer'],
      registers: [registry],
    }),
    spotifyCalls: new Counter({
      name: 'albumboard_spotify_calls_total',
      help: 'Spotify calls made by this api process (through worker-spotify or direct) by method and outcome (ok or an error code)',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    spotifyCallDuration: new Histogram({
      name: 'albumboard_spotify_call_duration_seconds',
      help: 'Time from enqueueing a Spotify call to its result (the whole wait of the api request)',
      labelNames: ['method', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
      enableExemplars: true,
    }),
    spotifyCallStage: new Histogram({
      name: 'albumboard_spotify_call_stage_seconds',
      help: 'Stages of a Spotify call through worker-spotify timed by this api: enqueue (call to job in the queue) and result_delivery (job completed to result here); the stages between are albumboard_queue_wait_seconds{queue="spotify"} and albumboard_spotify_worker_stage_seconds',
      labelNames: ['stage'],
      buckets: [...STAGE_BUCKETS_S],
      registers: [registry],
    }),
  };
}
