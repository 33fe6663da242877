import { parseEnv } from '@albumboard/env-config';
import { refineRedisEnv } from '@albumboard/redis-connection';
import { z } from 'zod';
import { describeWorkerSettings, workerEnvShape, workerSettingsOf } from '../src/env';

const schema = z.object(workerEnvShape).superRefine(refineRedisEnv);

describe('the settings every worker shares', () => {
  it('defaults to a local Redis, prefix bull, no health port, info logs', () => {
    expect(workerSettingsOf(parseEnv(schema, { WORKER_HEALTH_PORT: '' }))).toMatchObject({
      redis: { url: 'redis://127.0.0.1:6379' },
      queuePrefix: 'bull',
      healthPort: undefined,
      logLevel: 'info',
      logPretty: false,
    });
  });

  it('reads every shared setting', () => {
    const settings = workerSettingsOf(
      parseEnv(schema, { REDIS_URL: 'rediss://user:pw@redis.example:6380', QUEUE_PREFIX: 'ab', WORKER_HEALTH_PORT: '8081', LOG_LEVEL: 'debug', LOG_PRETTY: 'yes' }),
    );
    expect(settings).toMatchObject({ redis: { url: 'rediss://user:pw@redis.example:6380' }, queuePrefix: 'ab', healthPort: 8081, logLevel: 'debug', logPretty: true });
  });

  it('names a bad shared setting in the one line', () => {
    expect(() => parseEnv(schema, { REDIS_URL: 'http://nope', WORKER_HEALTH_PORT: 'x' })).toThrow(/^Invalid settings: REDIS_URL: .*WORKER_HEALTH_PORT: /);
  });

  it('describes the settings without the Redis password', () => {
    const settings = workerSettingsOf(parseEnv(schema, { REDIS_URL: 'rediss://user:s3cret-pw@redis.example:6380' }));
    const described = JSON.stringify(describeWorkerSettings(settings));
    expect(described).not.toContain('s3cret-pw');
    expect(described).toContain('redis.example:6380');
  });
});
