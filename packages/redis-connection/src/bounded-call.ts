/**
 * Resolves like `promise`, or rejects after `ms` with `onTimeout` (an `Error(message)`, or the error it makes): the
 * bound every caller puts on a Redis answer, since a producer must fail fast rather than hang on a lost connection.
 * The promise keeps running; a late result is dropped and a late rejection is swallowed, never left unhandled. The
 * timer does not hold the process open.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: string | (() => Error)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(typeof onTimeout === 'string' ? new Error(onTimeout) : onTimeout()), Math.max(0, ms));
    timer.unref();
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
