import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@albumboard/observability';

export interface CapturedLogger {
  /** A real pino logger with albumboard's redaction rules. */
  logger: Logger;
  /** Each line written, parsed. */
  lines: Array<Record<string, unknown>>;
  /** Each line written, as written (for "this secret never appears" checks). */
  raw: string[];
}

/** A logger named `name` whose JSON lines are kept in memory. */
export function captureLogger(name = 'test', level = 'debug'): CapturedLogger {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  return { logger: createLogger({ name, level, destination }), lines, raw };
}
