import { RecentSamples } from '@albumboard/observability';
import type { SpotifyMethodArgsInput, SpotifyMethodName, SpotifyMethodResult } from '@albumboard/queue-contracts';
import { parseMethodArgs, spotifyCallDedupKey, SpotifyError, type CallOptions, type SpotifyCaller } from '@albumboard/spotify-client';
import type { ApiMetrics } from './api-metrics';

/** The dedup key worker-spotify's proxy uses for a call, or null when the arguments do not parse (the call will fail). */
function dedupKeyOf(method: SpotifyMethodName, args: unknown): string | null {
  try {
    return spotifyCallDedupKey(method, parseMethodArgs(method, args));
  } catch {
    return null;
  }
}

/**
 * A SpotifyCaller that measures the one it wraps: calls by method and outcome, time from enqueue to result (histogram,
 * plus the last 500 successful calls for the status page's p50/p95), and calls that joined an identical call already
 * in flight in this process (the proxy then shares one job).
 */
export class MeteredSpotifyCaller implements SpotifyCaller {
  /** Durations in ms of recent successful calls. */
  readonly recent = new RecentSamples(500);
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly inner: SpotifyCaller,
    private readonly metrics: ApiMetrics,
  ) {}

  async call<M extends SpotifyMethodName>(method: M, args: SpotifyMethodArgsInput<M>, options?: CallOptions): Promise<SpotifyMethodResult<M>> {
    const key = dedupKeyOf(method, args);
    if (key !== null) {
      const running = this.inFlight.get(key) ?? 0;
      if (running > 0) this.metrics.spotifyCoalesced.inc({ method });
      this.inFlight.set(key, running + 1);
    }
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await this.inner.call(method, args, options);
    } catch (error) {
      outcome = error instanceof SpotifyError ? error.code : 'error';
      throw error;
    } finally {
      const ms = performance.now() - started;
      this.metrics.spotifyCalls.inc({ method, outcome });
      this.metrics.spotifyCallDuration.observe({ method, outcome }, ms / 1000);
      if (outcome === 'ok') this.recent.add(ms);
      if (key !== null) {
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      }
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
