import { Writable } from 'node:stream';
import { runWithLogContext } from '../src/log-context';
import { createLogger } from '../src/logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, raw, stream };
}

describe('runWithLogContext', () => {
  it('adds the context to every line written inside it, across awaits, and to no line outside it', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: 'test', destination: stream }).child({ component: 'c' });
    await runWithLogContext({ requestId: 'r-1', jobId: '7' }, async () => {
      logger.info('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      await runWithLogContext({ jobId: '8' }, async () => logger.info('nested'));
    });
    logger.info('outside');
    expect(lines.map((l) => [l.msg, l.requestId, l.jobId])).toEqual([
      ['inside', 'r-1', '7'],
      ['nested', 'r-1', '8'],
      ['outside', undefined, undefined],
    ]);
  });

  it('does not write a key twice when a child logger binds it already', () => {
    const { raw, stream } = capture();
    const logger = createLogger({ name: 'test', destination: stream });
    runWithLogContext({ requestId: 'r-2' }, () => logger.child({ requestId: 'r-2' }).info('once'));
    expect(raw[0].match(/"requestId"/g)).toHaveLength(1);
  });
});
