/**
 * The logger the store writes to: any pino-compatible logger (for example the one from
 * `createLogger` in @albumboard/observability). Typed structurally so this package does not
 * depend on pino.
 */
export interface RatingStoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): RatingStoreLogger;
}

const noop = (): void => undefined;

/** A logger that drops everything (the default). */
export const silentLogger: RatingStoreLogger = {
  info: noop,
  warn: noop,
  error: noop,
  debug: noop,
  child: () => silentLogger,
};
