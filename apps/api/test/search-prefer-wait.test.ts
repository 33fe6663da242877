import { spotifyKeys, type SpotifyCaller } from '@albumboard/spotify-client';
import type { EmulatorHandle } from '@albumboard/spotify-emulator';
import type { SpotifyWorker } from '@albumboard/worker-spotify/dist/app';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../src/app';
import type { ApiConfig } from '../src/config';
import { logger } from './support/test-env';
import { startWorkerPath, totalJobs, type WorkerPath } from './support/worker-path';

/**
 * `Prefer: wait=N` on the real path (api → admission → worker-spotify → emulator). Spotify's typical response time is
 * published as 3 s, so admission predicts a search (2 upstream requests, one after the other) answered in about 6 s:
 * inside the server's 15 s, outside a caller's 5 s.
 */
describe('GET /api/v1/search with Prefer: wait=N', () => {
  let emulator: EmulatorHandle;
  let config: ApiConfig;
  let redis: Redis;
  let spotifyWorker: SpotifyWorker;
  let spotify: SpotifyCaller;
  let app: Express;
  let path: WorkerPath;

  beforeAll(async () => {
    path = await startWorkerPath({ SPOTIFY_CALL_TIMEOUT_MS: '15000' });
    ({ emulator, config, redis, spotifyWorker, spotify } = path);
    app = createApp({ config, redis, spotify, logger });
  });

  afterAll(() => path.close());

  // worker-spotify rewrites the typical response time from what it measures: set it before each search.
  const slowSpotify = () => redis.set(spotifyKeys(config.QUEUE_PREFIX).upstreamLatency, '3000', 'PX', 60_000);

  it('shortens the deadline: a search that cannot be answered within N is refused at once, with Preference-Applied', async () => {
    await slowSpotify();
    const jobsBefore = await totalJobs(spotifyWorker.queue);
    const upstreamBefore = emulator.stats().requests;
    const res = await request(app).get('/api/v1/search?query=Adele').set('Prefer', 'wait=5').expect(503);
    expect(res.body.error.code).toBe('spotify_busy');
    expect(res.headers['preference-applied']).toBe('wait=5');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(6);
    expect(await totalJobs(spotifyWorker.queue)).toBe(jobsBefore);
    expect(emulator.stats().requests).toBe(upstreamBefore);
  });

  it('answers a search that fits in N, with Preference-Applied', async () => {
    await slowSpotify();
    const res = await request(app).get('/api/v1/search?query=Taylor+Swift').set('Prefer', 'respond-async, wait=7').expect(200);
    expect(res.headers['preference-applied']).toBe('wait=7');
    expect(res.body).toMatchObject({ artist: { name: 'Taylor Swift' }, cached: false });
  });

  it.each([['wait=soon'], ['wait=0'], ['wait=2.5'], ['wait=99999999999999999999'], ['wait=16']])(
    'ignores %s: no Preference-Applied, the server deadline holds (the same search is admitted)',
    async (prefer) => {
      await slowSpotify();
      const upstreamBefore = emulator.stats().requests;
      const res = await request(app).get(`/api/v1/search?query=${encodeURIComponent(`Generated Artist 000${prefer.length % 10}`)}`).set('Prefer', prefer);
      expect(res.status).toBe(200);
      expect(res.headers['preference-applied']).toBeUndefined();
      expect(emulator.stats().requests).toBeGreaterThan(upstreamBefore);
    },
  );

  it('a fresh cached answer is sent whatever N is', async () => {
    await slowSpotify();
    const res = await request(app).get('/api/v1/search?query=taylor+swift').set('Prefer', 'wait=1').expect(200);
    expect(res.body.cached).toBe(true);
    expect(res.headers['preference-applied']).toBe('wait=1');
  });
});
