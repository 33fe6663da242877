import { RecentSamples } from '@albumboard/observability';
import { currentTraceId } from '@albumboard/tracing';
import type { SpotifyMethodArgsInput, SpotifyMethodName, SpotifyMethodResult } from '@albumboard/queue-contracts';
import { SpotifyError, type CallOptions, type SpotifyCaller } from '@albumboard/spotify-client';
import { traceExemplar, type ApiMetrics } from './api-metrics';

/**
 * A SpotifyCaller that measures the one it wraps: calls by method and outcome, time from enqueue to result (histogram,
 * plus the last 500 successful calls for the status page's p50/p95). Calls that joined an identical one in flight are
 * counted by the worker proxy itself (its `onCoalesced`), the only caller that coalesces.
 */
export class MeteredSpotifyCaller implements SpotifyCaller {
  /** Durations in ms of recent successful calls. */
  readonly recent = new RecentSamples(500);

  constructor(
    private readonly inner: SpotifyCaller,
    private readonly metrics: ApiMetrics,
  ) {}

  async call<M extends SpotifyMethodName>(method: M, args: SpotifyMethodArgsInput<M>, options?: CallOptions): Promise<SpotifyMethodResult<M>> {
    const started = performance.now();
    const traceId = currentTraceId();
    let outcome = 'ok';
    try {
      return await this.inner.call(method, args, options);
    } catch (error) {
      outcome = error instanceof SpotifyError ? error.code : 'error';
      throw error;
    } finally {
      const ms = performance.now() - started;
      this.metrics.spotifyCalls.inc({ method, outcome });
      this.metrics.spotifyCallDuration.observe({ labels: { method, outcome }, value: ms / 1000, exemplarLabels: traceExemplar(traceId) });
      if (outcome === 'ok') this.recent.add(ms);
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
