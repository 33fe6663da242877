import type { Express } from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import type { EmulatorOptions } from './options';
import type { EmulatorConfigPatch, EmulatorRuntimeConfig } from './runtime-config';
import { EmulatorState } from './services/emulator-state';
import type { EmulatorStats } from './services/stats.service';

export { EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET } from './options';

export interface EmulatorHandle {
  /** Emulator root, e.g. `http://127.0.0.1:4010`: the accounts base URL. The Web API base is `url + '/v1'`. */
  url: string;
  port: number;
  /** Stops listening and destroys every open socket (hanging requests included). Idempotent. */
  close(): Promise<void>;
  stats(): EmulatorStats;
  /** Clears counters, rolling window and quota; `{ tokens: true }` also revokes every token. */
  reset(options?: { tokens?: boolean }): void;
  /** Applies a partial run-time config; throws EmulatorConfigError on invalid input. */
  configure(patch: EmulatorConfigPatch): void;
  config(): EmulatorRuntimeConfig;
  /** Expires every issued token (the next /v1 call with one gets 401); returns how many. */
  expireTokens(): number;
}

export interface StartEmulatorOptions extends Partial<EmulatorOptions> {
  /** 0 = a random free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Builds the app without listening (supertest, or mounting elsewhere). */
export function createEmulatorApp(options: Partial<EmulatorOptions> = {}): { app: Express; state: EmulatorState } {
  const state = new EmulatorState(options);
  return { app: createApp(state), state };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts an emulator in this process. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorHandle> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const { app, state } = createEmulatorApp(rest);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost(host)}:${actualPort}`,
    port: actualPort,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    stats: () => state.stats(),
    reset: (resetOptions) => state.reset(resetOptions),
    configure: (patch) => {
      state.configure(patch);
    },
    config: () => state.config(),
    expireTokens: () => state.expireTokens(),
  };
}
