/**
 * Something a whole test file shares (a harness, an emulator, an app on a dead store): started before the file's tests,
 * closed after them. Returns a stand-in that reads through to the started value, so tests use it like the value
 * itself; reading it before `beforeAll` has run throws.
 */
export function useStarted<T extends object & { close(): unknown }>(start: () => Promise<T>): T {
  let current: T | undefined;
  beforeAll(async () => {
    current = await start();
  });
  afterAll(async () => {
    await current?.close();
  });
  const started = (key: PropertyKey): T => {
    if (!current) throw new Error(`used ${String(key)} before beforeAll started it`);
    return current;
  };
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(started(key), key),
    set: (_target, key, value) => Reflect.set(started(key), key, value),
  });
}
