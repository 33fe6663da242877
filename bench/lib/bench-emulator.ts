import { EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET, createEmulatorApp, type EmulatorStats } from '@albumboard/spotify-emulator';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpotifyTarget } from '../designs/design';
import { nowMs } from './load-runner';
import type { UpstreamEvent } from './upstream-event';

export interface BenchEmulatorOptions {
  rateLimitPer30s: number;
  latencyMs: number;
  generatedArtists: number;
}

/** An in-process emulator that also records every Web API request (arrival time, final status). */
export interface BenchEmulator {
  spotify: SpotifyTarget;
  /** Every `/v1` request in arrival order; `status` is filled in when the answer is sent (0 until then). */
  events: UpstreamEvent[];
  stats(): EmulatorStats;
  /** Spotify's daily quota runs out now: every further request gets 429 QUOTA_EXCEEDED, Retry-After `retryAfterS`. */
  lockOutQuota(retryAfterS: number): void;
  close(): Promise<void>;
}

/**
 * Starts the emulator behind a recording HTTP server. The emulator decides admission when a request arrives,
 * so the arrival time is the time Spotify counts it at.
 */
export async function startBenchEmulator(options: BenchEmulatorOptions): Promise<BenchEmulator> {
  const { app, state } = createEmulatorApp({
    rateLimitPer30s: options.rateLimitPer30s,
    latencyMs: options.latencyMs,
    generatedArtists: options.generatedArtists,
    logLevel: 'silent',
  });
  const events: UpstreamEvent[] = [];
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/v1/')) {
      const event: UpstreamEvent = { t: nowMs(), status: 0 };
      events.push(event);
      res.once('finish', () => {
        event.status = res.statusCode;
      });
    }
    app(req, res);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | null = null;
  return {
    spotify: { apiUrl: `${url}/v1`, accountsUrl: url, clientId: EMULATOR_DEFAULT_CLIENT_ID, clientSecret: EMULATOR_DEFAULT_CLIENT_SECRET },
    events,
    stats: () => state.stats(),
    lockOutQuota(retryAfterS) {
      state.configure({ dailyQuota: Math.max(1, state.stats().quotaUsed), quotaRetryAfterS: retryAfterS });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
