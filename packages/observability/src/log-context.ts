import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written inside `runWithLogContext` carries, e.g. `{ requestId, jobId }`. */
export type LogContext = Readonly<Record<string, string | number | undefined>>;

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Runs `fn` with `context` attached to every log line it causes, in any component and any logger made by
 * `createLogger` (the API's request id, a job's id): one search can then be followed through the API's and the
 * worker's logs by its `requestId`. Nested calls add to the outer context.
 */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...context } : context, fn);
}

/** The context of the current async call chain, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/**
 * pino `mixin`: the current log context, minus keys the logger already binds (a child logger made with
 * `{ requestId }` would otherwise write the key twice) and minus undefined values.
 */
export function logContextMixin(_merge: object, _level: number, logger: { bindings(): Record<string, unknown> }): object {
  const context = storage.getStore();
  if (!context) return {};
  const bound = logger.bindings();
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(context)) if (value !== undefined && !(key in bound)) out[key] = value;
  return out;
}
