import type { SpotifyCaller } from '@albumboard/spotify-client';
import { SpotifyWorkerTimeoutError } from '@albumboard/spotify-client';
import { createApiMetrics } from '../../src/operations/api-metrics';
import { MeteredSpotifyCaller } from '../../src/operations/metered-spotify-caller';

const emptyResult = { artist: null, albums: { items: [], total: 0, limit: 10, offset: 0, hasMore: false } };

/** Our own SpotifyCaller interface, answering when the test says so. */
function gatedCaller(): SpotifyCaller & { release(error?: Error): void } {
  const waiting: Array<{ resolve(v: unknown): void; reject(e: Error): void }> = [];
  return {
    call: () => new Promise((resolve, reject) => waiting.push({ resolve, reject })) as never,
    close: async () => undefined,
    release(error) {
      for (const w of waiting.splice(0)) {
        if (error) w.reject(error);
        else w.resolve(emptyResult);
      }
    },
  };
}

const value = async (counter: { get(): Promise<{ values: Array<{ labels: Record<string, unknown>; value: number }> }> }, labels: Record<string, string>) =>
  (await counter.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;

describe('MeteredSpotifyCaller', () => {
  it('counts calls by method and outcome, and keeps successful durations', async () => {
    const metrics = createApiMetrics({ processMetrics: false });
    const inner = gatedCaller();
    const caller = new MeteredSpotifyCaller(inner, metrics);
    const args = { query: 'Abba', limit: 10, offset: 0 };
    const calls = [caller.call('searchArtistAlbums', args), caller.call('searchArtistAlbums', { ...args }), caller.call('searchArtistAlbums', { ...args, query: 'Adele' })];
    inner.release();
    await Promise.all(calls);
    expect(await value(metrics.spotifyCalls, { method: 'searchArtistAlbums', outcome: 'ok' })).toBe(3);
    expect(caller.recent.size).toBe(3);

    const again = caller.call('searchArtistAlbums', args);
    inner.release(new SpotifyWorkerTimeoutError());
    await expect(again).rejects.toThrow('Spotify worker timed out');
    expect(await value(metrics.spotifyCalls, { method: 'searchArtistAlbums', outcome: 'worker_timeout' })).toBe(1);
    expect(caller.recent.size).toBe(3); // failures are not latency samples
  });
});

describe('albumboard_spotify_calls_coalesced_total', () => {
  it('is read from the caller at scrape time, and absent for a caller that never coalesces', async () => {
    let joined = 2;
    const coalescing = createApiMetrics({ processMetrics: false, coalescedCalls: () => ({ searchArtistAlbums: joined }) });
    expect(await coalescing.registry.metrics()).toContain('albumboard_spotify_calls_coalesced_total{method="searchArtistAlbums"} 2');
    joined = 5;
    expect(await coalescing.registry.metrics()).toContain('albumboard_spotify_calls_coalesced_total{method="searchArtistAlbums"} 5');
    const direct = createApiMetrics({ processMetrics: false });
    expect(await direct.registry.metrics()).not.toContain('coalesced');
  });
});
