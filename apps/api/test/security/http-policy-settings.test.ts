import { loadConfig } from '../../src/config';

const base = { LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://db/app' };

describe('TRUST_PROXY, CORS_ORIGINS and the rate limit settings', () => {
  it('defaults: no proxy trusted, no CORS origins, 60 searches and 300 other requests per client per minute', () => {
    const config = loadConfig(base);
    expect(config.TRUST_PROXY).toBe(false);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(config.API_RATE_LIMIT_SEARCH_PER_MIN).toBe(60);
    expect(config.API_RATE_LIMIT_PER_MIN).toBe(300);
  });

  it.each([
    ['true', true],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['loopback, 10.0.0.0/8 ,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
  ])('TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ ...base, TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['everything', '10.0.0.0/8; rm -rf', 'loopback,,*'])('refuses TRUST_PROXY=%s with one line naming it', (value) => {
    expect(() => loadConfig({ ...base, TRUST_PROXY: value })).toThrow(/^Invalid setting TRUST_PROXY: /);
  });

  it('parses CORS_ORIGINS into exact origins', () => {
    expect(loadConfig({ ...base, CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/' }).CORS_ORIGINS).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
  });

  it.each(['*', 'app.example.com', 'https://app.example.com/path', 'ftp://files.example.com', 'null'])('refuses CORS_ORIGINS=%s', (value) => {
    expect(() => loadConfig({ ...base, CORS_ORIGINS: value })).toThrow(/^Invalid setting CORS_ORIGINS: /);
  });

  it.each([
    ['API_RATE_LIMIT_SEARCH_PER_MIN', '-1'],
    ['API_RATE_LIMIT_PER_MIN', 'lots'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(`^Invalid setting ${name}: `));
  });
});
