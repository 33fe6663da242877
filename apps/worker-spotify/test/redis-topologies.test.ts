import { join } from 'node:path';
import { connectAndPing, createRedisConnection, hashTagOf, type RedisConnection } from '@albumboard/redis-connection';
import {
  startRedisCluster,
  startSentinelSet,
  startTlsRedis,
  tempDir,
  type RedisClusterHandle,
  type SentinelSet,
  type TlsRedis,
} from '@albumboard/redis-connection/test-support';
import { CooldownStore, SpotifyCooldownError, SpotifyWorkerProxy } from '@albumboard/spotify-client';
import { generatedArtistName, startEmulator, type EmulatorHandle } from '@albumboard/spotify-emulator';
import { createSpotifyWorker, type SpotifyWorker } from '../src/app';
import { PauseStore } from '../src/budget/pause-store';
import { loadConfig, type SpotifyWorkerConfig } from '../src/config';
import { silentLogger } from '@albumboard/observability';

/**
 * The Spotify path — shared budget, shared pause, cool-down, deduplication — on Redis servers the test starts:
 * TLS with a self-signed certificate, a 3-master Cluster, and Sentinel with a failover under load. Each runs two
 * worker-spotify consumers and one api-like proxy, all built from the same environment the apps parse.
 */
const BUDGET = 20;

interface PathRun {
  emulator: EmulatorHandle;
  workers: SpotifyWorker[];
  proxy: SpotifyWorkerProxy;
  producer: RedisConnection;
  connections: RedisConnection[];
  config: SpotifyWorkerConfig;
  close(): Promise<void>;
}

async function startPath(redisEnv: Record<string, string>, budget = BUDGET): Promise<PathRun> {
  const emulator = await startEmulator({ port: 0, rateLimitPer30s: budget, logLevel: 'silent' });
  const config = loadConfig({
    ...redisEnv,
    SPOTIFY_API_URL: `${emulator.url}/v1`,
    SPOTIFY_ACCOUNTS_URL: emulator.url,
    SPOTIFY_BUDGET_PER_30S: String(budget),
    SPOTIFY_CONCURRENCY: '4',
  });
  const connections: RedisConnection[] = [];
  const workers: SpotifyWorker[] = [];
  for (let i = 0; i < 2; i += 1) {
    const connection = createRedisConnection(config.redis, 'worker');
    connection.on('error', () => undefined);
    connections.push(connection);
    await connectAndPing(connection, config.redis, 15_000);
    const worker = await createSpotifyWorker({ config, connection, logger: silentLogger(), workerId: `topology-${i}` });
    await worker.worker.waitUntilReady();
    workers.push(worker);
  }
  const producer = createRedisConnection(config.redis, 'request');
  producer.on('error', () => undefined);
  await connectAndPing(producer, config.redis, 15_000);
  const proxy = new SpotifyWorkerProxy({ connection: producer, prefix: config.queuePrefix, defaultTimeoutMs: 10_000 });
  return {
    emulator,
    workers,
    proxy,
    producer,
    connections,
    config,
    close: async () => {
      await proxy.close();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([producer, ...connections].map((c) => c.quit().catch(() => c.disconnect())));
      await emulator.close();
    },
  };
}

/** Budget under a burst, deduplication, shared pause and cool-down: what must hold on every topology. */
async function checkSpotifyPath(run: PathRun, budget = BUDGET): Promise<void> {
  const search = (i: number, timeoutMs = 8_000) => run.proxy.call('searchArtistAlbums', { query: generatedArtistName(i, 1000) }, { timeoutMs });

  // Deduplication: five identical concurrent calls cost what one call costs upstream.
  const before = run.emulator.stats().requests;
  await search(1);
  const one = run.emulator.stats().requests - before;
  await new Promise((resolve) => setTimeout(resolve, 50));
  const fiveBefore = run.emulator.stats().requests;
  const five = await Promise.all(Array.from({ length: 5 }, () => search(1)));
  expect(run.emulator.stats().requests - fiveBefore).toBe(one);
  expect(new Set(five.map((r) => JSON.stringify(r))).size).toBe(1);

  // The budget under a burst of distinct searches, shared by both workers: no 429, never more than BUDGET per 30 s.
  const burst = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => search(i + 2)));
  const stats = run.emulator.stats();
  process.stdout.write(`${run.config.redis.clusterNodes ? 'cluster' : run.config.redis.sentinels ? 'sentinel' : 'tls'} burst: ${burst.length} searches, upstream 429s ${stats.rateLimited}, most requests in any 30 s ${stats.maxPer30s} (budget ${budget}), requests ${stats.requests}\n`);
  expect(stats.rateLimited).toBe(0);
  expect(stats.maxPer30s).toBeLessThanOrEqual(budget);
  expect(burst.filter((r) => r.status === 'fulfilled').length).toBeGreaterThan(0);

  // A pause set through one worker's connection is seen through the other's (same keys, one slot).
  const [a, b] = run.connections;
  const until = await new PauseStore(a, run.config.queuePrefix).extend(5_000);
  expect(await new PauseStore(b, run.config.queuePrefix).get()).toBe(until);
  await b.del(`${run.config.queuePrefix}:spotify:pause-until`); // lift it: the next steps must not wait for it

  // A cool-down written by a worker stops the proxy before it enqueues.
  await new CooldownStore(b, run.config.queuePrefix).set(Date.now() + 60_000, 'quota');
  await expect(search(999)).rejects.toBeInstanceOf(SpotifyCooldownError);
  await new CooldownStore(b, run.config.queuePrefix).clear();
}

describe('the Spotify path on TLS Redis with a self-signed certificate', () => {
  let dir: ReturnType<typeof tempDir>;
  let tls: TlsRedis;
  beforeAll(async () => {
    dir = tempDir('ws-tls');
    tls = await startTlsRedis(join(dir.path, 'tls'));
  });
  afterAll(async () => {
    await tls?.stop();
    dir?.cleanup();
  });

  it('is refused at start-up by default (strict verification), with the one TLS line', async () => {
    const config = loadConfig({ REDIS_URL: tls.url });
    const connection = createRedisConnection(config.redis, 'worker');
    connection.on('error', () => undefined);
    await expect(connectAndPing(connection, config.redis)).rejects.toThrow(/^Redis TLS certificate rejected .*REDIS_TLS_REJECT_UNAUTHORIZED=false/);
  });

  it.each([
    ['REDIS_TLS_REJECT_UNAUTHORIZED=false', () => ({ REDIS_TLS_REJECT_UNAUTHORIZED: 'false' })],
    ['REDIS_TLS_CA_FILE', () => ({ REDIS_TLS_CA_FILE: tls.caFile })],
  ])('works with %s: budget, dedup, pause, cool-down', async (_label, extra) => {
    const run = await startPath({ REDIS_URL: tls.url, QUEUE_PREFIX: `tls-${Date.now()}`, ...extra() });
    try {
      await checkSpotifyPath(run);
    } finally {
      await run.close();
    }
  }, 120_000);
});

describe('the Spotify path on a 3-master Redis Cluster', () => {
  let dir: ReturnType<typeof tempDir>;
  let cluster: RedisClusterHandle;
  beforeAll(async () => {
    dir = tempDir('ws-cluster');
    cluster = await startRedisCluster(dir.path, 3);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    dir?.cleanup();
  });

  it('refuses a QUEUE_PREFIX without a hash tag', () => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: 'albumboard' })).toThrow(/QUEUE_PREFIX: must be a hash tag such as \{albumboard\}/);
  });

  it('keeps every key of a deployment in its hash tag slot, on a master the client reaches by the slot map, inside the budget', async () => {
    // Pick a tag whose slot lives on a master other than the first startup node: the client must follow the slot map.
    const first = cluster.masters[0];
    let prefix = '';
    for (let i = 0; !prefix; i += 1) {
      const candidate = `{albumboard-${i}}`;
      const owner = await cluster.ownerOf(Number(await first.cli('CLUSTER', 'KEYSLOT', candidate)));
      if (owner !== first) prefix = candidate;
    }
    const slot = Number(await first.cli('CLUSTER', 'KEYSLOT', prefix));
    const owner = await cluster.ownerOf(slot);
    const run = await startPath({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: cluster.nodes, QUEUE_PREFIX: prefix });
    try {
      await checkSpotifyPath(run);
      // Every albumboard key (BullMQ's, budget, pause, adaptive, stats) hashes to the tag's slot, on its master only.
      const keys = (await owner.cli('KEYS', `${prefix}:*`)).split('\n').filter(Boolean);
      expect(keys.length).toBeGreaterThan(5);
      expect(keys).toContain(`${prefix}:spotify:budget`);
      for (const key of keys.slice(0, 20)) expect([key, Number(await owner.cli('CLUSTER', 'KEYSLOT', key))]).toEqual([key, slot]);
      for (const other of cluster.masters.filter((m) => m !== owner)) expect(await other.cli('KEYS', `${prefix}:*`)).toBe('');
      expect(hashTagOf(prefix)).toBe(prefix.slice(1, -1));
    } finally {
      await run.close();
    }
  }, 120_000);

  it('spreads deployments (one hash tag each) over the masters', async () => {
    const owners = new Set<number>();
    for (let i = 0; i < 30; i += 1) owners.add((await cluster.ownerOf(Number(await cluster.masters[0].cli('CLUSTER', 'KEYSLOT', `{albumboard-${i}}`)))).port);
    expect(owners.size).toBe(3);
    const dbsizes = await Promise.all(cluster.masters.map(async (m) => Number(await m.cli('DBSIZE'))));
    expect(dbsizes.filter((n) => n > 0).length).toBeGreaterThanOrEqual(1);
  });
});

describe('the Spotify path through Sentinel, across a failover', () => {
  let dir: ReturnType<typeof tempDir>;
  let set: SentinelSet;
  beforeAll(async () => {
    dir = tempDir('ws-sentinel');
    set = await startSentinelSet(dir.path, 'albumboard', 1);
  }, 60_000);
  afterAll(async () => {
    await set?.stop();
    dir?.cleanup();
  });

  // Measured from SENTINEL FAILOVER: the whole path (proxy, queue, both workers) answers again on the new master.
  it('finds the master through the sentinels, and after SENTINEL FAILOVER under load, searches answer again without a restart', async () => {
    // A budget the test never exhausts: the time measured is the failover's, not a wait for budget.
    const run = await startPath({ REDIS_SENTINELS: set.sentinelNodes, REDIS_SENTINEL_NAME: set.name, QUEUE_PREFIX: `sentinel-${Date.now()}` }, 2_000);
    try {
      await checkSpotifyPath(run, 2_000);
      let stop = false;
      let i = 5_000;
      const load = (async () => {
        while (!stop) await Promise.allSettled([run.proxy.call('searchArtistAlbums', { query: generatedArtistName((i += 1) % 1000, 1000) }, { timeoutMs: 3_000 })]);
      })();
      const failedOverAt = Date.now();
      const newMaster = await set.failover();
      const reportedMs = Date.now() - failedOverAt;
      expect(newMaster).toBe(set.replica.port);
      let firstGoodMs = -1;
      for (let n = 0; firstGoodMs < 0 && Date.now() - failedOverAt < 60_000; n += 1) {
        const ok = await run.proxy
          .call('searchArtistAlbums', { query: generatedArtistName(900 + (n % 90), 1000) }, { timeoutMs: 3_000 })
          .then(() => true, (error: Error) => {
            if (n % 10 === 0) process.stdout.write(`after failover: ${error.name}: ${error.message}\n`);
            return false;
          });
        if (ok) firstGoodMs = Date.now() - failedOverAt;
      }
      stop = true;
      await load;
      process.stdout.write(`sentinel: new master reported ${reportedMs} ms after SENTINEL FAILOVER; first good search ${firstGoodMs} ms after SENTINEL FAILOVER\n`);
      expect(firstGoodMs).toBeGreaterThanOrEqual(0);
      // The workers and the proxy now write to the new master (the old one is a replica and would refuse writes).
      expect(await set.replica.cli('INFO', 'replication')).toContain('role:master');
      expect(Number(await set.replica.cli('DBSIZE'))).toBeGreaterThan(0);
    } finally {
      await run.close();
    }
  }, 180_000);
});
