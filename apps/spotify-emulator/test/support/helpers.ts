import type { Express } from 'express';
import request from 'supertest';
import { createEmulatorApp, EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET } from '../../src';
import type { EmulatorOptions } from '../../src/options';
import type { EmulatorState } from '../../src/services/emulator-state';

/** A settable clock for tests that must not depend on wall time. */
export function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

export interface TestEmulator {
  app: Express;
  state: EmulatorState;
  token: string;
  /** GET with the bearer token. */
  get: (path: string) => request.Test;
}

export async function issueToken(app: Express): Promise<string> {
  const res = await request(app)
    .post('/api/token')
    .auth(EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET)
    .type('form')
    .send({ grant_type: 'client_credentials' })
    .expect(200);
  return (res.body as { access_token: string }).access_token;
}

/** An in-memory emulator (no socket) with a valid token; small generated catalog unless asked. */
export async function testEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const { app, state } = createEmulatorApp({ generatedArtists: 50, ...options });
  const token = await issueToken(app);
  return { app, state, token, get: (path) => request(app).get(path).set('Authorization', `Bearer ${token}`) };
}
