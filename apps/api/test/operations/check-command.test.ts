import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { createSpotifyWorker, type SpotifyWorker } from '@albumboard/worker-spotify/dist/app';
import { loadConfig as loadWorkerConfig } from '@albumboard/worker-spotify/dist/config';
import type { Redis } from 'ioredis';
import { createApp } from '../../src/app';
import type { ApiConfig } from '../../src/config';
import { buildSpotifyCaller } from '../../src/spotify-caller';
import { startPingWorkers, type PingWorkers } from '../support/ping-workers';
import { CHECK_ENTRY, startNode } from '../support/processes';
import { deletePrefix, REDIS_URL, workerConnection } from '@albumboard/test-support';
import { apiRedis, logger, testConfig } from '../support/test-env';

const ADMIN_TOKEN = 'check-test-admin-token-0001';

interface CheckRun {
  code: number | null;
  output: string;
}

/** `pnpm check` (`node dist/cli/check.js`) as a real process against an api and workers started here. */
describe('pnpm check against a running deployment', () => {
  let emulator: EmulatorHandle;
  let config: ApiConfig;
  let redis: Redis;
  let workerRedis: Redis;
  let spotifyWorker: SpotifyWorker | undefined;
  let pingWorkers: PingWorkers;
  let spotify: SpotifyCaller;
  let server: Server;
  let apiUrl: string;
  /** A second api in front of the same worker-spotify: 2 searches per client per minute and an ADMIN_TOKEN. */
  let limitedServer: Server;
  let limitedUrl: string;

  const startSpotifyWorker = async () => {
    const workerConfig = loadWorkerConfig({ REDIS_URL, QUEUE_PREFIX: config.QUEUE_PREFIX, SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url, LOG_LEVEL: 'silent' });
    spotifyWorker = await createSpotifyWorker({ config: workerConfig, connection: workerRedis, logger, workerId: 'worker-spotify@check-test:1' });
    await spotifyWorker.worker.waitUntilReady();
  };
  const check = async (args: string[] = [], env: Record<string, string> = {}): Promise<CheckRun> => {
    const run = startNode(CHECK_ENTRY, { QUEUE_PREFIX: config.QUEUE_PREFIX, API_URL: apiUrl, CHECK_TIMEOUT_MS: '10000', ...env }, args);
    const code = await run.exited;
    return { code, output: run.output() };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    config = testConfig({ SPOTIFY_CALL_TIMEOUT_MS: '15000' });
    redis = apiRedis();
    await redis.connect();
    workerRedis = workerConnection();
    await startSpotifyWorker();
    pingWorkers = await startPingWorkers(config.QUEUE_PREFIX, ['default', 'leaderboard']);
    spotify = buildSpotifyCaller(config, redis, logger);
    const app = createApp({ config, redis, spotify, logger });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Its own prefix for the per-client counters (and its search cache); the Spotify calls go to the same worker.
    const limitedConfig = { ...config, QUEUE_PREFIX: `${config.QUEUE_PREFIX}-limited`, API_RATE_LIMIT_SEARCH_PER_MIN: 2, ADMIN_TOKEN };
    const limitedApp = createApp({ config: limitedConfig, redis, spotify, logger });
    limitedServer = await new Promise<Server>((resolve) => {
      const s = limitedApp.listen(0, '127.0.0.1', () => resolve(s));
    });
    limitedUrl = `http://127.0.0.1:${(limitedServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => limitedServer.close(resolve));
    await spotify.close();
    await spotifyWorker?.close();
    await pingWorkers.close();
    await deletePrefix(redis, config.QUEUE_PREFIX);
    await deletePrefix(redis, `${config.QUEUE_PREFIX}-limited`);
    await redis.quit();
    await workerRedis.quit();
    await emulator.close();
  });

  it('prints the queue table and every check, and exits 0 when the deployment works', async () => {
    const upstreamBefore = emulator.stats().requests;
    const { code, output } = await check();
    expect(output).toMatch(/^QUEUE\s+APP\s+WORKERS\s+WAITING\s+ACTIVE\s+DELAYED\s+FAILED\s+PING$/m);
    expect(output).toMatch(/^default\s+worker-default\s+1\s+0\s+0\s+0\s+0\s+\d+ ms$/m);
    expect(output).toMatch(/^spotify\s+worker-spotify\s+1\s+0\s+0\s+0\s+0\s+\d+ ms$/m);
    expect(output).toMatch(/^leaderboard\s+worker-leaderboard\s+1\s+0\s+0\s+0\s+0\s+\d+ ms$/m);
    expect(output).toMatch(/^ping spotify\s+OK\s+answered in \d+ ms by worker-spotify@check-test:1$/m);
    expect(output).toMatch(/^search \(api\)\s+OK\s+found Taylor Swift: \d+ albums on Spotify, answered through worker-spotify \(\d+ ms, request id check-[0-9a-f-]{36}\)$/m);
    expect(output).toMatch(/^spotify budget\s+OK\s+\d+ of 150 requests used/m);
    expect(output.trimEnd().endsWith('OK: every check passed')).toBe(true);
    expect(code).toBe(0);
    expect(emulator.stats().requests).toBeGreaterThan(upstreamBefore); // the search really reached Spotify (the emulator)
  });

  it("passes against a healthy api whose search limit this address has used up: the probe is the operator's, not a client's", async () => {
    // This address spends its 2 searches of the minute (each a different page, so each misses the cache and counts).
    const searches = [0, 1, 2].map((offset) => fetch(`${limitedUrl}/api/v1/search?query=Adele&limit=1&offset=${offset}`));
    expect((await Promise.all(searches)).map((r) => r.status).sort()).toEqual([200, 200, 429]);

    // With the api's ADMIN_TOKEN the probe is not counted: it searches through the api as usual.
    const upstreamBefore = emulator.stats().requests;
    const withToken = await check([], { API_URL: limitedUrl, ADMIN_TOKEN });
    expect(withToken.output).toMatch(/^search \(api\)\s+OK\s+found Taylor Swift: \d+ albums on Spotify, answered through worker-spotify/m);
    expect(withToken.output.trimEnd().endsWith('OK: every check passed')).toBe(true);
    expect(withToken.code).toBe(0);
    expect(emulator.stats().requests).toBeGreaterThan(upstreamBefore);
    // ... and the address's own limit still holds for its next search.
    expect((await fetch(`${limitedUrl}/api/v1/search?query=Adele&limit=1&offset=3`)).status).toBe(429);

    // Without it the api refuses the probe (the limit works); the check says so and searches through the queue instead.
    const withoutToken = await check([], { API_URL: limitedUrl });
    expect(withoutToken.output).toMatch(/^search \(api\)\s+WARN\s+the api answered 429 client_rate_limited: this address has used its searches for the minute/m);
    expect(withoutToken.output).toMatch(/^search \(queue\)\s+OK\s+found Taylor Swift: \d+ albums on Spotify, answered through worker-spotify/m);
    expect(withoutToken.output).not.toMatch(/^FAIL /m);
    expect(withoutToken.output.trimEnd().endsWith('OK: every check passed')).toBe(true);
    expect(withoutToken.code).toBe(0);
  });

  it("finds the api on the api's PORT when API_URL is not set", async () => {
    const { code, output } = await check([], { API_URL: '', PORT: new URL(apiUrl).port });
    expect(output).toContain(`api ${apiUrl}`);
    expect(output).toMatch(/^search \(api\)\s+OK\s+found Taylor Swift/m);
    expect(code).toBe(0);
  });

  it('prints the same report as JSON with --json, and can search through the queue without the api', async () => {
    const { code, output } = await check(['--json', '--search=queue'], { API_URL: 'http://127.0.0.1:1' });
    expect(code).toBe(0);
    const report = JSON.parse(output) as { ok: boolean; queues: Array<{ queue: string; workers: number }>; search: { ok: boolean; cached: boolean } };
    expect(report.ok).toBe(true);
    expect(report.queues.map((q) => [q.queue, q.workers])).toEqual([['default', 1], ['spotify', 1], ['leaderboard', 1]]);
    expect(report.search).toMatchObject({ ok: true, cached: false });
  });

  it('exits non-zero naming worker-spotify when it is stopped', async () => {
    await spotifyWorker!.close();
    spotifyWorker = undefined;
    const { code, output } = await check();
    expect(code).toBe(1);
    expect(output).toMatch(/^spotify\s+worker-spotify\s+0\s/m);
    expect(output).toContain('FAIL worker-spotify: no worker listening on queue spotify');
    expect(output).not.toContain('OK: every check passed');
  });

  it('exits non-zero naming the api when it does not answer, and 2 on bad usage', async () => {
    await startSpotifyWorker();
    const down = await check([], { API_URL: 'http://127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.output).toMatch(/^FAIL api: the api at http:\/\/127\.0\.0\.1:1 did not answer/m);
    const usage = await check(['--search=sometimes']);
    expect(usage.code).toBe(2);
    expect(usage.output).toContain('usage: pnpm check');
  });

  it('exits non-zero naming Redis when it does not answer', async () => {
    const { code, output } = await check([], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(output).toMatch(/^FAIL redis: did not answer at redis:\/\/127\.0\.0\.1:1/m);
  });
});
