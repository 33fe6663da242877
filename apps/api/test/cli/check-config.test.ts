import { CheckUsageError, loadCheckConfig } from '../../src/cli/check-config';

describe('loadCheckConfig', () => {
  it('has defaults for a local deployment', () => {
    expect(loadCheckConfig({}, [])).toEqual({
      redis: { url: 'redis://127.0.0.1:6379', tls: { rejectUnauthorized: true }, queuePrefix: 'bull' },
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'bull',
      apiUrl: 'http://127.0.0.1:3000',
      adminToken: undefined,
      timeoutMs: 10_000,
      search: 'api',
      query: 'Taylor Swift',
      json: false,
    });
  });

  it('reads the environment and the options, options winning', () => {
    const config = loadCheckConfig(
      { REDIS_URL: 'redis://redis:6379', QUEUE_PREFIX: '{albumboard}', API_URL: 'http://api:3000', CHECK_TIMEOUT_MS: '2000' },
      ['--json', '--search=queue', '--query=Adele', '--timeout-ms=500'],
    );
    expect(config).toMatchObject({ redisUrl: 'redis://redis:6379', queuePrefix: '{albumboard}', apiUrl: 'http://api:3000', timeoutMs: 500, search: 'queue', query: 'Adele', json: true });
    expect(loadCheckConfig({}, ['--help'])).toBeNull();
  });

  it("finds the api on the api's PORT unless API_URL says where it is, and takes the api's ADMIN_TOKEN", () => {
    expect(loadCheckConfig({ PORT: '3710' }, [])?.apiUrl).toBe('http://127.0.0.1:3710');
    expect(loadCheckConfig({ PORT: '3710', API_URL: 'http://api:3000' }, [])?.apiUrl).toBe('http://api:3000');
    expect(loadCheckConfig({ ADMIN_TOKEN: 'an-operator-token-0001' }, [])?.adminToken).toBe('an-operator-token-0001');
    expect(() => loadCheckConfig({ PORT: 'http' }, [])).toThrow(/^Invalid setting PORT/);
  });

  it('refuses unknown or malformed arguments and settings with one line', () => {
    expect(() => loadCheckConfig({}, ['--verbose'])).toThrow(new CheckUsageError('unknown option --verbose'));
    expect(() => loadCheckConfig({}, ['json'])).toThrow(CheckUsageError);
    expect(() => loadCheckConfig({}, ['--search=always'])).toThrow(/--search must be api, queue or skip/);
    expect(() => loadCheckConfig({ API_URL: 'ftp://x' }, [])).toThrow(/^Invalid setting API_URL/);
  });
});
