/**
 * Polls `check` every `everyMs` until it returns true; resolves with the milliseconds it took, throws
 * `timed out waiting for <what>` after `timeoutMs`. The one way tests wait: on a condition, never on a sleep.
 */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000, everyMs = 20): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return Date.now() - started;
}
