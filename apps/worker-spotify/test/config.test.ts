import { ConfigError } from '@albumboard/env-config';
import { EMULATOR_DEFAULTS } from '@albumboard/spotify-client';
import { describeConfig, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('defaults to the emulator, a 150/30 s budget, 4 in flight and a 31 s window', () => {
    const config = loadConfig({});
    expect(config.spotify).toMatchObject({ ...EMULATOR_DEFAULTS, usingEmulator: true, requestTimeoutMs: 5000 });
    expect(config).toMatchObject({ redis: { url: 'redis://127.0.0.1:6379' }, queuePrefix: 'bull', budgetPer30s: 150, concurrency: 4, maxRetryAfterMs: 60_000, budgetWindowMs: 31_000 });
  });

  it('uses real Spotify URLs when credentials are set', () => {
    const config = loadConfig({ SPOTIFY_CLIENT_ID: 'id', SPOTIFY_CLIENT_SECRET: 'secret', SPOTIFY_WINDOW_MARGIN_MS: '0', QUEUE_PREFIX: '{albumboard}' });
    expect(config.spotify).toMatchObject({ apiUrl: 'https://api.spotify.com/v1', accountsUrl: 'https://accounts.spotify.com', usingEmulator: false });
    expect(config.budgetWindowMs).toBe(30_000);
    expect(config.queuePrefix).toBe('{albumboard}');
    expect(JSON.stringify(describeConfig(config))).not.toContain('"secret"');
  });

  it.each([
    [{ SPOTIFY_CLIENT_ID: 'id' }, 'SPOTIFY_CLIENT_SECRET'],
    [{ SPOTIFY_CLIENT_SECRET: 'x' }, 'SPOTIFY_CLIENT_ID'],
    [{ SPOTIFY_BUDGET_PER_30S: 'lots' }, 'SPOTIFY_BUDGET_PER_30S'],
    [{ SPOTIFY_CONCURRENCY: '0' }, 'SPOTIFY_CONCURRENCY'],
    [{ SPOTIFY_API_URL: 'ftp://x' }, 'SPOTIFY_API_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
  ])('stops with one line naming the bad setting (%j)', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
