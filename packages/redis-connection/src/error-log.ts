import type { Logger } from '@albumboard/observability';
import type { RedisConnection } from './connection';

/**
 * Logs a connection's errors once per distinct failure (not once per reconnect attempt) and when it is restored.
 * A connection needs an `error` listener or Node throws on the first error.
 */
export function logConnectionErrors(connection: RedisConnection, logger: Logger, what = 'redis connection'): void {
  let lastError = '';
  connection.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn({ err: error.message }, `${what} error; retrying`);
  });
  connection.on('ready', () => {
    if (lastError) logger.info(`${what} restored`);
    lastError = '';
  });
}
