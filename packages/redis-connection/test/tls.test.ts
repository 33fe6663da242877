import { Writable } from 'node:stream';
import { join } from 'node:path';
import { createLogger } from '@albumboard/observability';
import { connectAndPing, createRedisConnection, parseRedisSettings, RedisStartupError, type RedisConnection } from '../src';
import { startTlsRedis, tempDir, type TlsRedis } from '../src/test-support';

function captureLogger() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => { lines.push(String(chunk)); done(); } });
  return { logger: createLogger({ name: 'test', level: 'warn', destination: stream }), lines };
}

describe('TLS with a self-signed certificate (openssl, generated now)', () => {
  const dir = tempDir('tls');
  let tls: TlsRedis;
  const open: RedisConnection[] = [];
  beforeAll(async () => {
    tls = await startTlsRedis(join(dir.path, 'redis'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map(async (c) => (c.status === 'ready' ? c.quit() : c.disconnect())));
  });
  afterAll(async () => {
    await tls.stop();
    dir.cleanup();
  });

  it.each(['request', 'worker'] as const)('strict (the default) refuses a %s connection at start-up with one line naming TLS and the way out', async (role) => {
    const settings = parseRedisSettings({ REDIS_URL: tls.url });
    const connection = createRedisConnection(settings, role);
    open.push(connection);
    const error = await connectAndPing(connection, settings, 10_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisStartupError);
    expect((error as Error).message).toMatch(/^Redis TLS certificate rejected at rediss:\/\/127\.0\.0\.1:\d+ \(self-signed certificate\): set REDIS_TLS_CA_FILE .* or REDIS_TLS_REJECT_UNAUTHORIZED=false/);
    expect((error as Error).message).not.toContain('\n');
    expect(connection.status).toBe('end'); // no retry loop left behind
  });

  it('REDIS_TLS_REJECT_UNAUTHORIZED=false connects and warns once per process', async () => {
    const { logger, lines } = captureLogger();
    const settings = parseRedisSettings({ REDIS_URL: tls.url, REDIS_TLS_REJECT_UNAUTHORIZED: 'false' });
    for (const role of ['request', 'worker'] as const) {
      const connection = createRedisConnection(settings, role, logger);
      open.push(connection);
      await connectAndPing(connection, settings);
      expect(await connection.set('tls-check', role)).toBe('OK');
    }
    expect(lines.filter((line) => line.includes('REDIS_TLS_REJECT_UNAUTHORIZED=false'))).toHaveLength(1);
  });

  it('REDIS_TLS_CA_FILE trusts the certificate and verifies it', async () => {
    const settings = parseRedisSettings({ REDIS_URL: tls.url, REDIS_TLS_CA_FILE: tls.caFile });
    const connection = createRedisConnection(settings, 'request');
    open.push(connection);
    await connectAndPing(connection, settings);
    expect(await connection.ping()).toBe('PONG');
  });

  it('a plain redis:// URL to the TLS port does not pass for a connection', async () => {
    const settings = parseRedisSettings({ REDIS_URL: tls.url.replace('rediss', 'redis') });
    const connection = createRedisConnection(settings, 'request', undefined, { disconnectTimeout: 50 });
    open.push(connection);
    await expect(connectAndPing(connection, settings, 1_500)).rejects.toThrow(/^Redis did not answer at redis:\/\/127\.0\.0\.1:\d+ within 2 s/);
  });
});
