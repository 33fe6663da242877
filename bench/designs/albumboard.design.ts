import { silentLogger } from '@albumboard/observability';
import { createApp } from '@albumboard/api/dist/app';
import { loadConfig as loadApiConfig } from '@albumboard/api/dist/config';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { kindFromStatus } from '../lib/answer-kind';
import { createProxy, startWorkerStack, type ProxyHandle } from './albumboard-stack';
import { type DesignDefinition, roundRobin } from './design';
import { SEARCH_CACHE_TTL_S } from './search-cache-ttl';
import { TimedSpotifyCaller } from './timed-spotify-caller';
import { workerSummary } from './worker-summary';


interface ApiInstance {
  baseUrl: string;
  server: Server;
  proxy: ProxyHandle;
  timed: TimedSpotifyCaller;
}

async function startApi(redisUrl: string, prefix: string, timeoutMs: number, cacheTtlS: number, apiSettings: Record<string, string> = {}): Promise<ApiInstance> {
  const config = loadApiConfig({
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    SPOTIFY_CALL_TIMEOUT_MS: String(timeoutMs),
    // The api's default unless the bench's environment sets it (how the default was measured: docs/spotify-rate-limiting.md).
    ...(process.env.SPOTIFY_QUEUE_DELAY_TARGET_MS ? { SPOTIFY_QUEUE_DELAY_TARGET_MS: process.env.SPOTIFY_QUEUE_DELAY_TARGET_MS } : {}),
    SEARCH_CACHE_TTL_S: String(cacheTtlS),
    // Each simulated search is a different user: the API sees its address in X-Forwarded-For (sent by the bench
    // from loopback), so the per-client limits stay in the path without throttling the whole load as one client.
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'silent',
    // The api refuses to start without a ratings database; the bench only searches and passes no store to
    // createApp, so nothing ever connects to this one.
    DATABASE_URL: 'postgres://bench@127.0.0.1:1/unused',
    ...apiSettings,
  });
  const proxy = createProxy(redisUrl, prefix, timeoutMs, config.SPOTIFY_QUEUE_DELAY_TARGET_MS);
  const timed = new TimedSpotifyCaller(proxy.proxy);
  const app = createApp({ config, redis: proxy.redis, spotify: timed, logger: silentLogger() });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, proxy, timed };
}

/** A distinct client address per simulated user (10.x.y.z). */
function userAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** The address of a named client (fairness scenario): one per name, outside the users' 10.0.0.0/8. */
function clientAddresses(): (client: string) => string {
  const known = new Map<string, string>();
  return (client) => {
    let address = known.get(client);
    if (!address) {
      address = `172.16.${(known.size >> 8) & 255}.${known.size & 255}`;
      known.set(client, address);
    }
    return address;
  };
}

/**
 * albumboard as built: N API instances (apps/api `createApp`, with its Redis search cache) each calling through
 * its own SpotifyWorkerProxy, and one worker-spotify (`createSpotifyWorker`) owning the budget.
 * Users call the API over HTTP, each search from its own client address; the answer kind is the HTTP status.
 */
export const albumboardDesign: DesignDefinition = {
  name: 'albumboard',
  describe: (env) =>
    `${env.apiProcesses} API instances (createApp, search cache ${env.searchCacheTtlS ?? SEARCH_CACHE_TTL_S} s fresh + SEARCH_CACHE_STALE_S default stale, SPOTIFY_CALL_TIMEOUT_MS ${env.userTimeoutMs}) → SpotifyWorkerProxy → 1 worker-spotify (createSpotifyWorker, SPOTIFY_BUDGET_PER_30S ${env.budgetPer30s})`,
  async start(env) {
    const worker = await startWorkerStack({ spotify: env.spotify, redisUrl: env.redisUrl, prefix: env.prefix, budgetPer30s: env.budgetPer30s });
    const apis = await Promise.all(
      Array.from({ length: env.apiProcesses }, () => startApi(env.redisUrl, env.prefix, env.userTimeoutMs, env.searchCacheTtlS ?? SEARCH_CACHE_TTL_S, env.apiSettings)),
    );
    const take = roundRobin(apis);
    const addressOf = clientAddresses();
    let user = 0;
    return {
      info: `worker settings: ${JSON.stringify(workerSummary(worker.settings))}`,
      innerCallLatenciesMs: () => apis.flatMap((api) => api.timed.okLatenciesMs),
      async search(query, ctx) {
        const api = take();
        user += 1;
        const headers: Record<string, string> = { 'X-Forwarded-For': ctx.client === undefined ? userAddress(user) : addressOf(ctx.client) };
        if (ctx.preferWaitS !== undefined) headers.Prefer = `wait=${ctx.preferWaitS}`;
        const res = await fetch(`${api.baseUrl}/api/v1/search?query=${encodeURIComponent(query)}`, { headers });
        const kind = kindFromStatus(res.status);
        if (kind === 'ok') {
          await res.arrayBuffer();
          return kind;
        }
        // The api's error shape `{ error: { code } }`, and the Retry-After it sent (a refusal must carry one).
        const body = (await res.json().catch(() => null)) as { error?: { code?: unknown } } | null;
        const code = typeof body?.error?.code === 'string' ? body.error.code : `status ${res.status}`;
        const retryAfter = res.headers.get('retry-after');
        throw Object.assign(new Error(`HTTP ${res.status} ${code}`), {
          status: res.status,
          code,
          answerKind: kind,
          ...(retryAfter !== null && /^\d+$/.test(retryAfter) ? { retryAfterS: Number(retryAfter) } : {}),
        });
      },
      async close() {
        for (const api of apis) {
          api.server.closeAllConnections();
          await new Promise<void>((resolve) => api.server.close(() => resolve()));
          await api.proxy.close();
        }
        await worker.close();
      },
    };
  },
};
