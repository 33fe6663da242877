import { loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('uses documented defaults', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({ port: 4010, host: '127.0.0.1', options: { logLevel: 'info' } });
    expect(cfg.options.rateLimitPer30s).toBeUndefined();
    expect(cfg.logPretty).toBe(false);
    expect(loadConfig({ LOG_PRETTY: 'true' }).logPretty).toBe(true); // pnpm dev sets it for every process
  });

  it('maps every EMULATOR_* setting', () => {
    const cfg = loadConfig({
      EMULATOR_PORT: '0', EMULATOR_HOST: '0.0.0.0', EMULATOR_CLIENT_ID: 'id', EMULATOR_CLIENT_SECRET: 's',
      EMULATOR_RATE_LIMIT_PER_30S: '90', EMULATOR_DAILY_QUOTA: '1000', EMULATOR_QUOTA_RETRY_AFTER_S: '60',
      EMULATOR_LATENCY_MS: '20', EMULATOR_LATENCY_JITTER_MS: '5', EMULATOR_TOKEN_TTL_S: '120',
      EMULATOR_FORCE_RETRY_AFTER_S: '20000', EMULATOR_SEED: '7', EMULATOR_GENERATED_ARTISTS: '5',
      EMULATOR_GENERATED_ALBUMS_PER_ARTIST: '2', EMULATOR_FAULT_500_RATE: '0.1', EMULATOR_FAULT_502_RATE: '0.02',
      EMULATOR_FAULT_503_RATE: '0.03', EMULATOR_FAULT_HANG_RATE: '0.01', EMULATOR_FAULT_RESET_RATE: '0.04',
      EMULATOR_FAULT_MALFORMED_JSON_RATE: '0.05', EMULATOR_503_BODY: 'empty', EMULATOR_DEPRECATED_ARTIST_FIELDS: 'true',
      EMULATOR_LOG_LEVEL: 'warn',
    });
    expect(cfg).toEqual({
      port: 0,
      host: '0.0.0.0',
      logPretty: false,
      options: {
        clientId: 'id', clientSecret: 's', rateLimitPer30s: 90, dailyQuota: 1000, quotaRetryAfterS: 60, latencyMs: 20,
        latencyJitterMs: 5, tokenTtlS: 120, forceRetryAfterS: 20000, seed: 7, generatedArtists: 5, generatedAlbumsPerArtist: 2,
        serviceUnavailableBody: 'empty', includeDeprecatedArtistFields: true, logLevel: 'warn',
        faults: { http500: 0.1, http502: 0.02, http503: 0.03, hang: 0.01, reset: 0.04, malformedJson: 0.05 },
      },
    });
  });

  it('treats empty strings as unset and names a malformed setting', () => {
    expect(loadConfig({ EMULATOR_LATENCY_MS: '' }).options.latencyMs).toBeUndefined();
    expect(() => loadConfig({ EMULATOR_FAULT_500_RATE: '2' })).toThrow(/EMULATOR_FAULT_500_RATE/);
    expect(() => loadConfig({ EMULATOR_PORT: 'http' })).toThrow(/EMULATOR_PORT/);
  });
});
