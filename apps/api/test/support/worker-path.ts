import type { SpotifyCaller } from '@albumboard/spotify-client';
import { startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
// worker-spotify's package entry starts the process; its factory and config live in dist/app and dist/config.
import { createSpotifyWorker, type SpotifyWorker } from '@albumboard/worker-spotify/dist/app';
import { loadConfig as loadWorkerConfig } from '@albumboard/worker-spotify/dist/config';
import type { Logger } from '@albumboard/observability';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '../../src/config';
import { buildSpotifyCaller } from '../../src/spotify-caller';
import { deletePrefix, REDIS_URL, workerConnection } from '@albumboard/test-support';
import { apiRedis, logger, testConfig } from './test-env';

/** The real Spotify path of a test: the emulator, one worker-spotify on a unique prefix, the api's caller. */
export interface WorkerPath {
  emulator: EmulatorHandle;
  config: ApiConfig;
  /** The api's fail-fast connection. */
  redis: Redis;
  spotifyWorker: SpotifyWorker;
  spotify: SpotifyCaller;
  /** Closes everything (the worker may already be closed) and deletes the prefix's keys. */
  close(): Promise<void>;
}

export interface WorkerPathOptions {
  /** The emulator's options (credentials, rate limit); default: its own defaults. */
  emulator?: Parameters<typeof startEmulator>[0];
  /** More worker-spotify settings (credentials, budget, concurrency). */
  worker?: Record<string, string>;
  /** The logger of the api's caller and the worker (default: silent). */
  logger?: Logger;
}

/** Starts the path; `overrides` are api settings (on top of the tests' defaults and the emulator's URLs). */
export async function startWorkerPath(overrides: Record<string, string> = {}, options: WorkerPathOptions = {}): Promise<WorkerPath> {
  const log = options.logger ?? logger;
  const emulator = await startEmulator({ port: 0, ...options.emulator });
  const spotifyUrls = { SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url };
  const config = testConfig({ ...spotifyUrls, ...overrides });
  const redis = apiRedis();
  await redis.connect();
  const workerRedis = workerConnection();
  const workerConfig = loadWorkerConfig({ REDIS_URL, QUEUE_PREFIX: config.QUEUE_PREFIX, ...spotifyUrls, LOG_LEVEL: 'silent', ...options.worker });
  const spotifyWorker = await createSpotifyWorker({ config: workerConfig, connection: workerRedis, logger: log });
  // The proxy refuses at once while no worker is counted on the queue.
  while ((await spotifyWorker.queue.getWorkersCount()) === 0) await new Promise((r) => setTimeout(r, 10));
  const spotify = buildSpotifyCaller(config, redis, log);
  return {
    emulator,
    config,
    redis,
    spotifyWorker,
    spotify,
    async close() {
      await spotify.close();
      await spotifyWorker.close();
      await deletePrefix(redis, config.QUEUE_PREFIX);
      await redis.quit();
      await workerRedis.quit();
      await emulator.close();
    },
  };
}

/** Every job the queue holds, in any state: a refused call leaves the count as it was. */
export async function totalJobs(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
