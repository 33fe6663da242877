import { histogramQuantile } from '@albumboard/observability';
import type { StatusResponse } from '../schemas/status.schema';
import type { ApiMetrics } from './api-metrics';
import type { MeteredSpotifyCaller } from './metered-spotify-caller';
import type { OpsQueues } from './ops-queues';
import { describeProblem, queueOverviews } from './queue-overview.service';
import { memoryPressureProblem, type RedisMemoryWatch } from './redis-memory';
import type { SpotifyStatsReader } from './spotify-stats.reader';

export interface StatusServiceDeps {
  queues: OpsQueues;
  stats: SpotifyStatsReader;
  metrics: ApiMetrics;
  spotify: MeteredSpotifyCaller;
  memory: RedisMemoryWatch;
}

const round = (value: number | null, digits = 3): number | null => (value === null ? null : Number(value.toFixed(digits)));

/** Builds the operator's view: queues and their workers, Redis' memory, Spotify budget, pause, cool-down, 429s, cache and latency. */
export class StatusService {
  constructor(private readonly deps: StatusServiceDeps) {}

  async status(): Promise<StatusResponse> {
    const { queues, stats, metrics, spotify } = this.deps;
    const [overviews, spotifyStats, cache, memory] = await Promise.all([queueOverviews(queues), stats.read(), metrics.searchCache.get(), this.deps.memory.read()]);
    const waits = await Promise.all(overviews.map((overview) => stats.queueWait(overview.queue)));
    const problems = overviews.map(describeProblem).filter((line): line is string => line !== null);
    const pressure = memoryPressureProblem(memory);
    if (pressure) problems.push(pressure);
    const { budget, cooldown, pauseUntil, now } = spotifyStats;
    if (cooldown) problems.push(`worker-spotify: Spotify cool-down (${cooldown.reason}) until ${new Date(cooldown.until).toISOString()}`);
    const hits = cache.values.find((v) => v.labels.result === 'hit')?.value ?? 0;
    const misses = cache.values.find((v) => v.labels.result === 'miss')?.value ?? 0;
    return {
      status: problems.length === 0 ? 'ok' : 'degraded',
      problems,
      generatedAt: new Date(now).toISOString(),
      queues: overviews.map((overview, i) => ({
        ...overview,
        waitSeconds: { p50: round(histogramQuantile(0.5, waits[i])), p95: round(histogramQuantile(0.95, waits[i])), count: waits[i].count },
      })),
      redis: {
        usedMemoryBytes: memory.usedBytes,
        maxmemoryBytes: memory.maxmemoryBytes,
        usedRatio: round(memory.usedRatio),
        memoryPressure: pressure !== null,
      },
      spotify: {
        budget: {
          limit: budget.config?.budget ?? null,
          limitInForce: budget.limitInForce,
          used: budget.used,
          remaining: budget.remaining,
          windowMs: budget.windowMs,
          concurrency: budget.config?.concurrency ?? null,
          publishedBy: budget.config?.workerId ?? null,
        },
        pause: pauseUntil === null ? null : { until: new Date(pauseUntil).toISOString(), remainingMs: pauseUntil - now },
        cooldown: cooldown && {
          until: new Date(cooldown.until).toISOString(),
          remainingS: Math.max(0, Math.ceil((cooldown.until - now) / 1000)),
          reason: cooldown.reason,
        },
        upstream429LastHour: spotifyStats.upstream429LastHour,
        upstreamRequests: spotifyStats.upstreamRequests,
        cache: { hits, misses, hitRatio: hits + misses === 0 ? null : round(hits / (hits + misses)) },
        callLatencyMs: { p50: round(spotify.recent.percentile(50), 1), p95: round(spotify.recent.percentile(95), 1), samples: spotify.recent.size },
      },
    };
  }
}
