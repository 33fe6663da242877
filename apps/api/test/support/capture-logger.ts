import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@albumboard/observability';

/** A real pino logger (albumboard's redaction rules) whose output lines are kept in `lines`. */
export function captureLogger(level = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      callback();
    },
  });
  return { logger: createLogger({ name: 'api-test', level, destination }), lines };
}
