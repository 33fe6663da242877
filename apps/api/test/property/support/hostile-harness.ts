import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorHandle } from '@albumboard/spotify-emulator';
import type { Express } from 'express';
import { createApp } from '../../../src/app';
import type { ApiConfig } from '../../../src/config';
import { captureLogger } from '@albumboard/test-support';
import { randomSecrets, secretValuesOf } from '../../support/secret-values';
import { createTestStore, type TestStore } from '../../support/test-database';
import { signHs256 } from '../../support/tokens';
import { startWorkerPath } from '../../support/worker-path';

/** An album the harness puts in the catalogue, so a valid rating of it answers 200 without Spotify. */
export const KNOWN_ALBUM_ID = '4aawyAB9vmqN3uQ7FjRGTy';
export const KNOWN_USER_ID = '0b7ee7a4-3f43-4d4e-9c6e-0f6bd2d1a0aa';

/**
 * The whole API as production runs it, on one listening server: the app (worker mode), worker-spotify in-process on
 * the emulator, a PostgreSQL rating store, real Redis, configured secrets and a logger whose lines are kept.
 */
export interface HostileHarness {
  app: Express;
  server: Server;
  port: number;
  config: ApiConfig;
  emulator: EmulatorHandle;
  /** Requests the emulator received so far: Web API and token endpoint. */
  upstreamRequests(): number;
  /**
   * The same count once nothing is still on its way upstream (no job waiting or active on the spotify queue, no
   * request open at the emulator): the baseline before a request that must not reach Spotify, so that work left
   * over from an earlier generated case is not counted against it.
   */
  settledUpstreamRequests(): Promise<number>;
  /** `Bearer <valid token>` for KNOWN_USER_ID. */
  bearer: string;
  /** Signs an HS256 token with the configured secret (or `secret`). */
  sign(sub: string | undefined, options?: { secret?: string; expiresIn?: number; issuer?: string; audience?: string }): Promise<string>;
  secrets: string[];
  logLines: string[];
  close(): Promise<void>;
}

export async function startHostileHarness(label: string, overrides: Record<string, string> = {}): Promise<HostileHarness> {
  const secrets = randomSecrets();
  const { logger, raw: lines } = captureLogger('api-test', 'debug');
  const { emulator, config, redis, spotifyWorker, spotify, close: closePath } = await startWorkerPath(
    {
      ...secrets,
      SPOTIFY_CALL_TIMEOUT_MS: '8000',
      TRUST_PROXY: 'loopback',
      API_RATE_LIMIT_SEARCH_PER_MIN: '1000000',
      API_RATE_LIMIT_PER_MIN: '1000000',
      ...overrides,
    },
    {
      emulator: { clientId: secrets.SPOTIFY_CLIENT_ID, clientSecret: secrets.SPOTIFY_CLIENT_SECRET, rateLimitPer30s: 0 },
      worker: { SPOTIFY_CLIENT_ID: secrets.SPOTIFY_CLIENT_ID, SPOTIFY_CLIENT_SECRET: secrets.SPOTIFY_CLIENT_SECRET, SPOTIFY_BUDGET_PER_30S: '100000', SPOTIFY_CONCURRENCY: '8' },
      logger,
    },
  );
  const store: TestStore = await createTestStore(label);
  await store.store.upsertAlbums([{ id: KNOWN_ALBUM_ID, name: 'Global Warming', artists: [{ id: '0TnOYISbd1XYRBk9myaseg', name: 'Pitbull' }] }]);
  const app = createApp({ config, redis, spotify, logger, ratings: store.store });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const sign: HostileHarness['sign'] = (sub, options = {}) =>
    signHs256(sub, { secret: options.secret ?? secrets.SUPABASE_JWT_SECRET, issuer: options.issuer ?? secrets.SUPABASE_JWT_ISSUER, audience: options.audience, expiresIn: options.expiresIn });
  return {
    app,
    server,
    port: (server.address() as AddressInfo).port,
    config,
    emulator,
    upstreamRequests: () => {
      const stats = emulator.stats();
      return stats.requests + stats.tokens.requests;
    },
    settledUpstreamRequests: async () => {
      const until = Date.now() + 10_000;
      for (;;) {
        const counts = await spotifyWorker.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
        const busy = Object.values(counts).some((n) => n > 0) || emulator.stats().inFlight > 0;
        if (!busy || Date.now() > until) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const stats = emulator.stats();
      return stats.requests + stats.tokens.requests;
    },
    bearer: `Bearer ${await sign(KNOWN_USER_ID)}`,
    sign,
    secrets: secretValuesOf(secrets),
    logLines: lines,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closePath();
      await store.drop();
    },
  };
}
