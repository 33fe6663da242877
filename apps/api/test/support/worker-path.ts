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
import { deletePrefix, workerConnection } from '@albumboard/test-support';
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

/**
 * Starts the path; `overrides` are api settings (on top of the tests' defaults and the emulator's URLs). The api and
 * the worker use the config's REDIS_URL (the tests' Redis unless overridden).
 */
export async function startWorkerPath(overrides: Record<string, string> = {}, options: WorkerPathOptions = {}): Promise<WorkerPath> {
  const log = options.logger ?? logger;
  const emulator = await startEmulator({ port: 0, ...options.emulator });
  const spotifyUrls = { SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url };
  const config = testConfig({ ...spotifyUrls, ...overrides });
  const redis = apiRedis(config.REDIS_URL);
  await redis.connect();
  const workerRedis = workerConnection(config.REDIS_URL);
  const workerConfig = loadWorkerConfig({ REDIS_URL: config.REDIS_URL, QUEUE_PREFIX: config.QUEUE_PREFIX, ...spotifyUrls, LOG_LEVEL: 'silent', ...options.worker });
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

/**
 * Jobs ever added to `queue`, counted by their `added` events (a completed spotify.call is removed from Redis at once):
 * a refused call leaves the count as it was.
 */
export async function totalJobs(queue: Queue): Promise<number> {
  const client = workerConnection();
  try {
    const entries = (await client.xrange(queue.keys.events, '-', '+')) as [string, string[]][];
    return entries.filter(([, fields]) => fields[0] === 'event' && fields[1] === 'added').length;
  } finally {
    await client.quit();
  }
}
