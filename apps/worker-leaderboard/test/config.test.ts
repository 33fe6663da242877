import { ConfigError } from '@albumboard/env-config';
import { thrownBy } from '@albumboard/test-support';
import { describeConfig, loadConfig } from '../src/config';
import { NO_RATING_STORE_MESSAGE } from '@albumboard/rating-store';

describe('worker-leaderboard config', () => {
  it('defaults: local Redis, prefix bull, a recompute every minute', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/app' });
    expect(config).toMatchObject({ redis: { url: 'redis://127.0.0.1:6379' }, queuePrefix: 'bull', recomputeEveryMs: 60_000, logLevel: 'info' });
    expect(config.healthPort).toBeUndefined();
    expect(config.ratingStore).toEqual({ backend: 'postgres', databaseUrl: 'postgres://db/app' });
  });

  it('opens no database of its own: without DATABASE_URL or SUPABASE_URL it stops with one line saying what to set', () => {
    expect(() => loadConfig({})).toThrow(new ConfigError(`Invalid setting DATABASE_URL: ${NO_RATING_STORE_MESSAGE}`));
    expect(NO_RATING_STORE_MESSAGE).not.toContain('\n');
  });

  it('takes DATABASE_URL and the period, and never logs the database password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db:5432/albums', LEADERBOARD_RECOMPUTE_EVERY_MS: '5000', WORKER_HEALTH_PORT: '8081' });
    expect(config.ratingStore).toEqual({ backend: 'postgres', databaseUrl: 'postgres://app:s3cret@db:5432/albums' });
    expect(config).toMatchObject({ recomputeEveryMs: 5000, healthPort: 8081 });
    expect(JSON.stringify(describeConfig(config))).not.toContain('s3cret');
  });

  it('names every bad setting in one line, without echoing a secret', () => {
    const error = thrownBy(() => loadConfig({ LEADERBOARD_RECOMPUTE_EVERY_MS: '10', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'short-secret', REDIS_URL: 'http://x' }));
    expect(error).toBeInstanceOf(ConfigError);
    const message = error.message;
    expect(message).not.toContain('\n');
    for (const name of ['LEADERBOARD_RECOMPUTE_EVERY_MS', 'SUPABASE_SERVICE_ROLE_KEY', 'REDIS_URL']) expect(message).toContain(name);
    expect(message).not.toContain('short-secret');
  });
});
