import type { Logger } from '@albumboard/observability';

const QUIET_MS = 30_000;

/**
 * express-rate-limit's `logger` option on pino: with Redis down the library reports every request it lets through;
 * this keeps one line per distinct message every 30 s, so an outage does not flood the logs.
 */
export function throttledLibraryLogger(logger: Logger, quietMs = QUIET_MS): { warn(error: unknown, message?: string): void; error(error: unknown, message?: string): void } {
  const last = new Map<string, number>();
  const write = (level: 'warn' | 'error', error: unknown, message?: string): void => {
    const reason = error instanceof Error ? error.message : String(error);
    const key = `${level}:${message ?? ''}:${reason}`;
    const now = Date.now();
    if ((last.get(key) ?? 0) + quietMs > now) return;
    if (last.size > 100) last.clear();
    last.set(key, now);
    logger[level]({ err: reason }, message ?? reason);
  };
  return { warn: (error, message) => write('warn', error, message), error: (error, message) => write('error', error, message) };
}
