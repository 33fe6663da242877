import { ConfigError, loadConfigOrExit } from '@albumboard/env-config';
import { withInterceptedExit } from '@albumboard/test-support';
import { EMULATOR_DEFAULTS } from '@albumboard/spotify-client';
import { loadConfig } from '../src/config';

/** A database is required (the app opens none of its own); any postgres:// URL parses. */
const DB = { DATABASE_URL: 'postgres://db/app' };

function expectConfigError(env: NodeJS.ProcessEnv, line: RegExp): void {
  let thrown: unknown;
  try {
    loadConfig(env);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const message = (thrown as ConfigError).message;
  expect(message).toMatch(line);
  expect(message).not.toContain('\n');
}

describe('loadConfig', () => {
  it('applies the defaults, including the emulator credentials', () => {
    const config = loadConfig(DB);
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'bull',
      SPOTIFY_CALL_MODE: 'worker',
      SPOTIFY_CALL_TIMEOUT_MS: 10000,
      SEARCH_CACHE_TTL_S: 3600,
      SEARCH_CACHE_STALE_S: 604800,
      CATALOG_REFRESH_AFTER_DAYS: 30,
      SPOTIFY_CLIENT_ID: EMULATOR_DEFAULTS.clientId,
      SPOTIFY_CLIENT_SECRET: EMULATOR_DEFAULTS.clientSecret,
      SPOTIFY_API_URL: 'http://127.0.0.1:4010/v1',
      SPOTIFY_ACCOUNTS_URL: 'http://127.0.0.1:4010',
      LOG_LEVEL: 'info',
      LOG_PRETTY: false,
    });
  });

  it('parses numbers, flags and modes', () => {
    const config = loadConfig({ ...DB, PORT: '8080', SEARCH_CACHE_TTL_S: '0', SEARCH_CACHE_STALE_S: '0', SPOTIFY_CALL_MODE: 'direct', LOG_PRETTY: 'true', PATH: '/bin' });
    expect(config.PORT).toBe(8080);
    expect(config.SEARCH_CACHE_TTL_S).toBe(0);
    expect(config.SEARCH_CACHE_STALE_S).toBe(0);
    expect(config.SPOTIFY_CALL_MODE).toBe('direct');
    expect(config.LOG_PRETTY).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ...DB, PORT: '', SPOTIFY_CLIENT_ID: ' ', SPOTIFY_CLIENT_SECRET: '' }).PORT).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid setting PORT: must be a whole number$/],
    [{ PORT: '70000' }, /^Invalid setting PORT: must be at most 65535$/],
    [{ REDIS_URL: 'localhost:6379' }, /^Invalid setting REDIS_URL: /],
    [{ SPOTIFY_CALL_MODE: 'inline' }, /^Invalid setting SPOTIFY_CALL_MODE: must be "worker" or "direct"$/],
    [{ SPOTIFY_CALL_TIMEOUT_MS: '0' }, /^Invalid setting SPOTIFY_CALL_TIMEOUT_MS: /],
    [{ SEARCH_CACHE_TTL_S: '-1' }, /^Invalid setting SEARCH_CACHE_TTL_S: /],
    [{ SEARCH_CACHE_STALE_S: '1.5' }, /^Invalid setting SEARCH_CACHE_STALE_S: must be a whole number$/],
    [{ CATALOG_REFRESH_AFTER_DAYS: '0' }, /^Invalid setting CATALOG_REFRESH_AFTER_DAYS: must be at least 1$/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid setting LOG_LEVEL: /],
    [{ LOG_PRETTY: 'maybe' }, /^Invalid setting LOG_PRETTY: must be true or false$/],
    [{ SPOTIFY_API_URL: 'ftp://x' }, /^Invalid setting SPOTIFY_API_URL: /],
    [{ QUEUE_PREFIX: 'a:b' }, /^Invalid setting QUEUE_PREFIX: /],
    [{ SEARCH_CACHE_MAX_MB: '-1' }, /^Invalid setting SEARCH_CACHE_MAX_MB: must be a whole number of MiB \(at least 1\)$/],
    [{ SEARCH_CACHE_MAX_MB: '0' }, /^Invalid setting SEARCH_CACHE_MAX_MB: must be at least 1 \(MiB\)$/],
    [{ SEARCH_CACHE_MAX_MB: '25mb' }, /^Invalid setting SEARCH_CACHE_MAX_MB: must be a whole number of MiB/],
    [{ CACHE_REDIS_URL: 'http://x' }, /^Invalid setting CACHE_REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL$/],
    [{ CACHE_REDIS_URL: 'cache:6379' }, /^Invalid setting CACHE_REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL$/],
  ])('refuses %j with one line naming the setting', (env, line) => {
    expectConfigError({ ...DB, ...env }, line);
  });

  it('reads the cache settings: a budget in MiB, a Redis URL of its own; unset, neither', () => {
    expect(loadConfig({ ...DB, SEARCH_CACHE_MAX_MB: '12', CACHE_REDIS_URL: 'rediss://:pw@cache.example:6380/2' })).toMatchObject({
      SEARCH_CACHE_MAX_MB: 12,
      CACHE_REDIS_URL: 'rediss://:pw@cache.example:6380/2',
    });
    const unset = loadConfig(DB);
    expect([unset.SEARCH_CACHE_MAX_MB, unset.CACHE_REDIS_URL]).toEqual([undefined, undefined]);
  });

  it.each([
    [{ SEARCH_CACHE_MAX_MB: '-1' }, 'SEARCH_CACHE_MAX_MB'],
    [{ CACHE_REDIS_URL: 'http://x' }, 'CACHE_REDIS_URL'],
  ])('stops the app on %j with one line naming the setting', (env, name) => {
    withInterceptedExit((stderr) => {
      expect(() => loadConfigOrExit(() => loadConfig({ ...DB, ...env }))).toThrow('exit 1');
      expect(stderr).toHaveBeenCalledTimes(1);
      const line = String(stderr.mock.calls[0][0]);
      expect(line).toMatch(new RegExp(`^Invalid setting ${name}: [^\n]+\n$`));
    });
  });

  it('names every bad setting at once, in one line', () => {
    expectConfigError({ PORT: 'abc', LOG_PRETTY: 'maybe' }, /^Invalid settings: PORT: must be a whole number; LOG_PRETTY: must be true or false$/);
  });

  it('requires the Spotify client id and secret together, without echoing the secret', () => {
    expectConfigError({ ...DB, SPOTIFY_CLIENT_SECRET: 'hunter2-secret' }, /^Invalid setting SPOTIFY_CLIENT_ID: .*both or neither/);
    expectConfigError({ ...DB, SPOTIFY_CLIENT_ID: 'id' }, /^Invalid setting SPOTIFY_CLIENT_SECRET: /);
    try {
      loadConfig({ SPOTIFY_CLIENT_SECRET: 'hunter2-secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('points real credentials at Spotify unless URLs are given', () => {
    const config = loadConfig({ ...DB, SPOTIFY_CLIENT_ID: 'id', SPOTIFY_CLIENT_SECRET: 'secret' });
    expect(config).toMatchObject({
      SPOTIFY_CLIENT_ID: 'id',
      SPOTIFY_API_URL: 'https://api.spotify.com/v1',
      SPOTIFY_ACCOUNTS_URL: 'https://accounts.spotify.com',
    });
    const custom = loadConfig({ ...DB, SPOTIFY_CLIENT_ID: 'id', SPOTIFY_CLIENT_SECRET: 'secret', SPOTIFY_API_URL: 'http://127.0.0.1:9/v1' });
    expect(custom.SPOTIFY_API_URL).toBe('http://127.0.0.1:9/v1');
  });
});
