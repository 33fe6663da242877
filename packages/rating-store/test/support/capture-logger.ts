import type { RatingStoreLogger } from '../../src';

/** A logger that keeps every call as one JSON line (bindings included), for assertions. */
export function createCaptureLogger(): { logger: RatingStoreLogger; lines: string[] } {
  const lines: string[] = [];
  const make = (bindings: Record<string, unknown>): RatingStoreLogger => {
    const log = (level: string) => (obj: object, msg?: string) => {
      lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
    };
    return {
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      debug: log('debug'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return { logger: make({}), lines };
}
