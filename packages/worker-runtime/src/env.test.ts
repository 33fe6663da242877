import { z } from 'zod';
import { ConfigError, parseEnv, workerEnvShape } from './env';

const schema = z.object({ ...workerEnvShape, SOME_SECRET: z.string().min(8) });

describe('parseEnv', () => {
  it('applies defaults and treats empty values as unset', () => {
    const config = parseEnv(schema, { SOME_SECRET: 'long-enough', WORKER_HEALTH_PORT: '', LOG_PRETTY: 'yes' });
    expect(config).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: 'bull', LOG_LEVEL: 'info', LOG_PRETTY: true });
    expect(config.WORKER_HEALTH_PORT).toBeUndefined();
  });

  it('names every bad setting in one line, never echoing a value', () => {
    let error: unknown;
    try {
      parseEnv(schema, { REDIS_URL: 'http://nope', WORKER_HEALTH_PORT: 'x', SOME_SECRET: 'short-s' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/REDIS_URL/);
    expect(message).toMatch(/WORKER_HEALTH_PORT/);
    expect(message).toMatch(/SOME_SECRET/);
    expect(message).not.toContain('short-s');
  });
});
