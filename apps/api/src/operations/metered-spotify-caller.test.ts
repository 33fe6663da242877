import type { SpotifyCaller } from '@albumboard/spotify-client';
import { SpotifyWorkerTimeoutError } from '@albumboard/spotify-client';
import { createApiMetrics } from './api-metrics';
import { MeteredSpotifyCaller } from './metered-spotify-caller';

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
  it('counts calls that join an identical call in flight, by outcome, and keeps successful durations', async () => {
    const metrics = createApiMetrics({ processMetrics: false });
    const inner = gatedCaller();
    const caller = new MeteredSpotifyCaller(inner, metrics);
    const args = { query: 'Abba', limit: 10, offset: 0 };
    const calls = [caller.call('searchArtistAlbums', args), caller.call('searchArtistAlbums', { ...args }), caller.call('searchArtistAlbums', { ...args, query: 'Adele' })];
    expect(await value(metrics.spotifyCoalesced, { method: 'searchArtistAlbums' })).toBe(1);
    inner.release();
    await Promise.all(calls);
    expect(await value(metrics.spotifyCalls, { method: 'searchArtistAlbums', outcome: 'ok' })).toBe(3);
    expect(caller.recent.size).toBe(3);

    // Once nothing is in flight, the same call is not counted as joining anything.
    const again = caller.call('searchArtistAlbums', args);
    inner.release(new SpotifyWorkerTimeoutError());
    await expect(again).rejects.toThrow('Spotify worker timed out');
    expect(await value(metrics.spotifyCoalesced, { method: 'searchArtistAlbums' })).toBe(1);
    expect(await value(metrics.spotifyCalls, { method: 'searchArtistAlbums', outcome: 'worker_timeout' })).toBe(1);
    expect(caller.recent.size).toBe(3); // failures are not latency samples
  });
});
