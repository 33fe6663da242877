import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';
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
});

describe('redactConfig', () => {
  it('hides secret keys and URL passwords, keeps the rest', () => {
    const out = redactConfig({ SPOTIFY_CLIENT_SECRET: 'x', ADMIN_TOKEN: undefined, REDIS_URL: 'redis://:pw@host:6379', PORT: 3000 });
    expect(out).toEqual({ SPOTIFY_CLIENT_SECRET: '[redacted]', ADMIN_TOKEN: '[unset]', REDIS_URL: 'redis://:***@host:6379', PORT: 3000 });
  });
});
