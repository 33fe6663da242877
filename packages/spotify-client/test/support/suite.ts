import type { Redis } from 'ioredis';
import { startTestEmulator, type TestEmulator } from './emulator';
import { producerConnection, ready } from './redis';

export interface EmulatorSuite {
  emu: TestEmulator;
  /** A fail-fast connection for the test's own reads and writes. */
  admin: Redis;
  /** Run (last first) after each test. */
  cleanups: (() => Promise<unknown>)[];
}

/** One emulator and one admin connection per test file, restored before each test; cleanups run after each. */
export function useEmulatorSuite(): EmulatorSuite {
  const suite = { cleanups: [] } as unknown as EmulatorSuite;
  beforeAll(async () => {
    suite.emu = await startTestEmulator();
    suite.admin = await ready(producerConnection());
  });
  afterAll(async () => {
    await suite.emu.close();
    await suite.admin.quit();
  });
  beforeEach(() => suite.emu.restore());
  afterEach(async () => {
    while (suite.cleanups.length) await suite.cleanups.pop()!();
  });
  return suite;
}
