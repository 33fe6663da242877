import { generatedArtistId, startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { SpotifyBusyError, SpotifyWorkerProxy, spotifyKeys } from '@albumboard/spotify-client';
import { silentLogger } from '@albumboard/observability';
import { deletePrefix, uniquePrefix, workerConnection } from '@albumboard/test-support';
import type { Redis } from 'ioredis';
import { createSpotifyWorker, type SpotifyWorker } from '../src/app';
import { testConfig } from './helpers';

/**
 * A fair share per client, on the real path: the worker proxy's admission (each client's calls take turns) →
 * BullMQ → worker-spotify's budget gate (which serves waiting calls by turn) → the emulator.
 */
describe('upstream slots go to waiting clients in turn', () => {
  let prefix: string;
  let emulator: EmulatorHandle;
  let admin: Redis;
  let proxyRedis: Redis;
  let workerRedis: Redis;
  let worker: SpotifyWorker;
  let proxy: SpotifyWorkerProxy;

  beforeEach(async () => {
    prefix = uniquePrefix('fair');
    emulator = await startEmulator({ port: 0, generatedArtists: 10 });
    admin = workerConnection();
    proxyRedis = workerConnection();
    workerRedis = workerConnection();
    // 3 requests per 31 s window, up to 4 calls waiting in the gate at once.
    worker = await createSpotifyWorker({ config: testConfig(emulator.url, prefix, { SPOTIFY_BUDGET_PER_30S: '3', SPOTIFY_CONCURRENCY: '4' }), connection: workerRedis, logger: silentLogger() });
    while ((await worker.queue.getWorkersCount()) === 0) await new Promise((r) => setTimeout(r, 10));
    proxy = new SpotifyWorkerProxy({ connection: proxyRedis, prefix, defaultTimeoutMs: 12_000 });
  });

  afterEach(async () => {
    await proxy.close();
    await worker.close();
    await emulator.close();
    await deletePrefix(admin, prefix);
    await Promise.all([admin.quit(), proxyRedis.quit(), workerRedis.quit()]);
  });

  it('with the window spent and calls waiting from two clients, the next slots alternate between them', async () => {
    // The window is spent: its 3 slots leave it 5, 6 and 7 s from now (the window is 31 s). No other slot frees
    // before every call's 12 s deadline.
    const [seconds, micros] = await admin.time();
    const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    await admin.zadd(spotifyKeys(prefix).budget, now - 26_000, 'spent-1', now - 25_000, 'spent-2', now - 24_000, 'spent-3');

    // Client A asks three times, then client B three times.
    const answered: string[] = [];
    const refused: string[] = [];
    const calls: Promise<void>[] = [];
    for (const [client, artists] of [['A', [1, 2, 3]], ['B', [4, 5, 6]]] as const) {
      for (const [turn, n] of artists.entries()) {
        const name = `${client}${turn + 1}`;
        const call = proxy.call('getArtist', { id: generatedArtistId(n) }, { client: `client-${client}` }).then(
          () => void answered.push(name),
          (error: unknown) => {
            if (!(error instanceof SpotifyBusyError)) throw error;
            refused.push(name);
          },
        );
        calls.push(call);
        // Each call is admitted (or refused) before the next is made, as they would arrive one after another.
        while (answered.length + refused.length + (await worker.queue.getJobCountByTypes('active', 'prioritized', 'waiting')) < calls.length) {
          await new Promise((r) => setTimeout(r, 5));
        }
      }
    }
    await Promise.all(calls);

    // First come, first served would give the three slots to A1, A2, A3; in turn they go to A1, B1, A2.
    expect(answered).toEqual(['A1', 'B1', 'A2']);
    expect(refused.sort()).toEqual(['A3', 'B2', 'B3']);
    expect(emulator.stats().requests).toBe(3);
  });
});
