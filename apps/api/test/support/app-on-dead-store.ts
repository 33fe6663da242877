import { deletePrefix } from '@albumboard/test-support';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createApp } from '../../src/app';
import type { ApiConfig } from '../../src/config';
import { deadStore } from './test-database';
import { apiRedis, logger, recordingCaller, testConfig } from './test-env';
import { bearer, signHs256 } from './tokens';

/** The api on real Redis with a rating store pointed at a closed port and a Spotify caller that records and throws. */
export interface AppOnDeadStore {
  app: Express;
  config: ApiConfig;
  redis: Redis;
  spotify: ReturnType<typeof recordingCaller>;
  /** `Bearer <token>` of the user the suite acts as. */
  auth: string;
  close(): Promise<void>;
}

export async function startAppOnDeadStore(userId: string): Promise<AppOnDeadStore> {
  const spotify = recordingCaller();
  const config = testConfig();
  const redis = apiRedis();
  await redis.connect();
  const store = await deadStore();
  const app = createApp({ config, redis, spotify, logger, ratings: store });
  const auth = bearer(await signHs256(userId));
  return {
    app,
    config,
    redis,
    spotify,
    auth,
    close: async () => {
      await store.close();
      await deletePrefix(redis, config.QUEUE_PREFIX);
      await redis.quit();
    },
  };
}
