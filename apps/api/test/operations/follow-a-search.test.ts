import { randomUUID } from 'node:crypto';
import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import type { Redis } from 'ioredis';
import { API_ENTRY, startNode, WORKER_SPOTIFY_ENTRY, type RunningProcess } from '../support/processes';
import { createTestStore, type TestStore } from '../support/test-database';
import { deletePrefix, uniquePrefix } from '@albumboard/test-support';
import { apiRedis } from '../support/test-env';

const ADMIN_TOKEN = `admin-${randomUUID()}`;

/** The api and worker-spotify as real processes (built dist), logging JSON to captured stdout. */
describe('following one search through the logs of the api and worker-spotify', () => {
  let emulator: EmulatorHandle;
  let store: TestStore;
  let redis: Redis;
  let api: RunningProcess;
  let worker: RunningProcess;
  let apiUrl: string;
  const prefix = uniquePrefix('api');

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    store = await createTestStore('ops_logs');
    redis = apiRedis();
    await redis.connect();
    const spotifyEnv = { QUEUE_PREFIX: prefix, SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url };
    worker = startNode(WORKER_SPOTIFY_ENTRY, spotifyEnv);
    api = startNode(API_ENTRY, { ...spotifyEnv, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: store.url, ADMIN_TOKEN });
    await worker.waitForOutput('Listening on spotify...');
    await api.waitForOutput(/albumboard api listening on http:\/\/127\.0\.0\.1:\d+/);
    apiUrl = `http://127.0.0.1:${/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(api.output())![1]}`;
  }, 60_000);

  afterAll(async () => {
    await api?.stop('SIGKILL');
    await worker?.stop('SIGKILL');
    await deletePrefix(redis, prefix);
    await redis.quit();
    await store.drop();
    await emulator.close();
  });

  it("finds the request id on the api's access line and on worker-spotify's lines for the job, and no secret anywhere", async () => {
    const requestId = `follow-${randomUUID()}`;
    const res = await fetch(`${apiUrl}/api/v1/search?query=Taylor+Swift`, { headers: { 'X-Request-Id': requestId } });
    expect(res.status).toBe(200);
    await api.waitForOutput(`"requestId":"${requestId}"`);

    const apiLines = api.lines().filter((line) => line.requestId === requestId);
    expect(apiLines.map((line) => line.msg)).toContain('request completed');
    const workerLines = worker.lines().filter((line) => line.requestId === requestId);
    const messages = workerLines.map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['[SPOTIFY WORKER] Executing method: searchArtistAlbums', '[SPOTIFY WORKER] Successfully completed: searchArtistAlbums']),
    );
    const jobIds = new Set(workerLines.map((line) => line.jobId));
    expect(jobIds.size).toBe(1);
    expect([...jobIds][0]).toEqual(expect.any(String));

    for (const output of [api.output(), worker.output()]) {
      expect(output).not.toContain('albumboard-dev-secret'); // the emulator's client secret
      expect(output).not.toContain(ADMIN_TOKEN);
    }
  });

  it('both processes exit 0 on SIGTERM', async () => {
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(api.output()).toContain('"msg":"stopped"');
    expect(worker.output()).toContain('"msg":"Worker stopped"');
  });
});
