import { sleep } from '@albumboard/redis-connection/test-support';

/** A free TCP port on 127.0.0.1 and `sleep`: the same helpers the Redis test servers use. */
export { freePort, sleep } from '@albumboard/redis-connection/test-support';

/** Polls `check` every `everyMs` until it is true; returns the time it took, or throws after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
