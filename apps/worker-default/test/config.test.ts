import { ConfigError } from '@albumboard/env-config';
import { thrownBy } from '@albumboard/test-support';
import { describeConfig, loadConfig } from '../src/config';
import { NO_RATING_STORE_MESSAGE } from '@albumboard/rating-store';

describe('worker-default config', () => {
  it('defaults: local Redis, prefix bull, 30 s for a background Spotify call', () => {
    const config = loadConfig({ WORKER_HEALTH_PORT: '', DATABASE_URL: 'postgres://db/app' });
    expect(config).toMatchObject({ redis: { url: 'redis://127.0.0.1:6379' }, queuePrefix: 'bull', spotifyCallTimeoutMs: 30_000, concurrency: 4 });
    expect(config.healthPort).toBeUndefined();
    expect(config.catalogRefresh).toEqual({ everyMs: 600_000, olderThanDays: 30, batch: 50 });
    expect(config.ratingStore).toEqual({ backend: 'postgres', databaseUrl: 'postgres://db/app' });
  });

  it('opens no database of its own: without DATABASE_URL or SUPABASE_URL it stops with one line saying what to set', () => {
    expect(() => loadConfig({})).toThrow(new ConfigError(`Invalid setting DATABASE_URL: ${NO_RATING_STORE_MESSAGE}`));
    expect(NO_RATING_STORE_MESSAGE).not.toContain('\n');
  });

  it('selects Supabase with URL + service-role key and never logs the key', () => {
    const key = 'service-role-key-for-the-config-test';
    const config = loadConfig({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: key, SPOTIFY_CALL_TIMEOUT_MS: '5000' });
    expect(config.ratingStore.backend).toBe('supabase');
    expect(config.spotifyCallTimeoutMs).toBe(5000);
    expect(JSON.stringify(describeConfig(config))).not.toContain(key);
  });

  it('reads the catalogue refresh schedule; 0 turns it off', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/app', CATALOG_REFRESH_AFTER_DAYS: '7', CATALOG_REFRESH_EVERY_MS: '0', CATALOG_REFRESH_BATCH: '10' });
    expect(config.catalogRefresh).toEqual({ everyMs: 0, olderThanDays: 7, batch: 10 });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/app', CATALOG_REFRESH_AFTER_DAYS: '0' })).toThrow(/CATALOG_REFRESH_AFTER_DAYS/);
  });

  it('names every bad setting in one line', () => {
    const error = thrownBy(() => loadConfig({ SPOTIFY_CALL_TIMEOUT_MS: 'soon', DATABASE_URL: 'mysql://db/x', QUEUE_PREFIX: 'bad prefix' }));
    expect(error).toBeInstanceOf(ConfigError);
    const message = error.message;
    expect(message).not.toContain('\n');
    for (const name of ['SPOTIFY_CALL_TIMEOUT_MS', 'DATABASE_URL', 'QUEUE_PREFIX']) expect(message).toContain(name);
  });
});
