import { Writable } from 'node:stream';
import { createLogger, plainChild } from '../src/logger';
import { redactConfig } from '../src/secrets';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('redacts secrets at the top level and nested', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: 'test', destination: stream });
    logger.child({ component: 'x' }).info({ clientSecret: 's3cr3t-1', config: { SPOTIFY_CLIENT_SECRET: 's3cr3t-2' }, req: { headers: { authorization: 'Bearer s3cr3t-3' } } }, 'hello');
    const text = lines.join('');
    expect(text).toContain('hello');
    expect(text).toContain('"component":"x"');
    expect(text).not.toMatch(/s3cr3t/);
    expect(text).toContain('[redacted]');
  });

  it('plainChild skips the redaction pass for its own lines only; its parent and siblings still redact', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: 'test', destination: stream });
    const plain = plainChild(logger, { component: 'http' });
    plain.info({ req: { url: '/x?token=visible' }, token: 'plain-line' }, 'access');
    logger.child({ component: 'http' }).info({ token: 's3cr3t-4' }, 'other');
    const [access, other] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(access).toMatchObject({ component: 'http', token: 'plain-line', msg: 'access' });
    expect(other).toMatchObject({ component: 'http', token: '[redacted]', msg: 'other' });
  });
});

describe('redactConfig', () => {
  it('hides secret keys and URL passwords, keeps the rest', () => {
    const out = redactConfig({ SPOTIFY_CLIENT_SECRET: 'x', ADMIN_TOKEN: undefined, REDIS_URL: 'redis://:pw@host:6379', PORT: 3000 });
    expect(out).toEqual({ SPOTIFY_CLIENT_SECRET: '[redacted]', ADMIN_TOKEN: '[unset]', REDIS_URL: 'redis://:***@host:6379', PORT: 3000 });
  });
});
