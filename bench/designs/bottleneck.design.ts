import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import type { DesignDefinition } from './design';
import { NaiveCallError, NaiveSpotifyClient, searchInTurn } from './naive-spotify-client';

const MAX_RETRIES = 3;
const WINDOW_MS = 30_000;

function clientOptions(redisUrl: string): { host: string; port: number; password?: string; db: number } {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db: Number(url.pathname.slice(1) || 0),
  };
}

/**
 * Direct calls gated by Bottleneck in clustering mode: N API-like clients, each with its own limiter sharing one
 * Redis datastore (`datastore: 'ioredis'`, same `id`). The common "N requests per interval" set-up from
 * Bottleneck's README: `reservoir` = budget, refreshed to the budget every 30 s (a fixed window). Every upstream
 * request, retries included, goes through the limiter; a 429 is retried via the `failed` event after Retry-After.
 * As commonly written, a queued request is sent even if the user has given up meanwhile.
 */
export const bottleneckDesign: DesignDefinition = {
  name: 'bottleneck',
  describe: (env) =>
    `${env.apiProcesses} clients, Bottleneck 2.19.5 cluster mode (ioredis datastore), reservoir ${env.budgetPer30s} refreshed every 30 s, 429 retried ${MAX_RETRIES}× after Retry-After via 'failed'`,
  async start(env) {
    const limiters: Bottleneck[] = [];
    for (let i = 0; i < env.apiProcesses; i += 1) {
      const limiter = new Bottleneck({
        id: `${env.prefix}-spotify`,
        datastore: 'ioredis',
        Redis,
        clientOptions: clientOptions(env.redisUrl),
        clearDatastore: i === 0,
        reservoir: env.budgetPer30s,
        reservoirRefreshAmount: env.budgetPer30s,
        reservoirRefreshInterval: WINDOW_MS,
      });
      limiter.on('error', () => undefined);
      limiter.on('failed', (error: unknown, info) => {
        if (error instanceof NaiveCallError && error.code === 'rate_limited' && info.retryCount < MAX_RETRIES) {
          return error.retryAfterMs ?? 1000;
        }
        return undefined;
      });
      await limiter.ready();
      limiters.push(limiter);
    }
    const clients = limiters.map(
      (limiter) =>
        new NaiveSpotifyClient({
          ...env.spotify,
          retry: 'none',
          wrapRequest: (send) => limiter.schedule(send),
        }),
    );
    return {
      search: searchInTurn(clients),
      async close() {
        // stop() waits for jobs sleeping before a retry (a Retry-After of hours), so it gets a second at most.
        const stopped = Promise.all(limiters.map((l) => l.stop({ dropWaitingJobs: true }).catch(() => undefined)));
        await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
        clients.forEach((c) => c.close());
        await Promise.all(limiters.map((l) => l.disconnect(false).catch(() => undefined)));
      },
    };
  },
};
