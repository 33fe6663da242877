/**
 * `pnpm bench:footprint`: what albumboard keeps in Redis and how many commands it sends (issue 19).
 *
 * The built stack — api, worker-spotify, worker-default, worker-leaderboard as processes from their dist/, with their
 * default settings except the Spotify budget and the api's rate limits (raised so nothing is refused) — against an
 * in-process emulator (1 ms latency, no rate limit), a fresh PostgreSQL database and a fresh `redis-server` the bench
 * starts itself (no other client, so MONITOR and INFO see the stack alone). In order:
 *
 * 1. warm-up (a few searches and ratings, not counted), then idle: MONITOR for `--idle-s` seconds with no traffic —
 *    commands sent by clients (lines not marked `[0 lua]`), by command;
 * 2. `--searches` distinct uncached searches (`--concurrency` at a time), then until the background jobs they cause
 *    are done: `used_memory` growth, the server's peak, and bytes by key family (SCAN + MEMORY USAGE) per search;
 * 3. `--ratings` ratings from 10 users on albums those searches found, until the boards are recomputed: the same per rating;
 * 4. `--per-op` more searches uncached, the same again cached, and as many ratings, each under MONITOR: client
 *    commands per uncached search, per cached search and per rating (the idle rate subtracted).
 *
 * Prints numbers, never fails on them; the PASS/MISS lines compare with issue 19's goals.
 *
 * ```sh
 * pnpm bench:footprint
 * node --import tsx bench/redis-footprint.bench.ts --searches 10000 --ratings 500 --idle-s 30 --per-op 50
 * node --import tsx bench/redis-footprint.bench.ts --env SEARCH_CACHE_TTL_S=60 --keep-logs
 * ```
 */
import { mintDevToken, type DevToken } from '@albumboard/api/dist/auth/dev-token';
import { startRedis, type RedisProcess } from '@albumboard/redis-connection/test-support';
import { startEmulator } from '@albumboard/spotify-emulator';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { Client } from 'pg';
import { freePort, httpGet, logContains, answers200, startProcess, type StartedProcess } from './lib/api-throughput-processes';
import { parseFlags, numberFlag } from './lib/cli-args';
import { countClientCommands, describeCount, type ClientCommandCount } from './lib/client-command-count';
import { machineInfo } from './lib/machine-info';
import { generatedArtistQuery } from './lib/query-source';
import { familyGrowth, snapshotFamilies, usedMemory, type FamilySnapshot, type KeyFamily } from './lib/redis-key-families';

const ROOT = join(__dirname, '..');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PREFIX = 'fp';
const QUEUES = ['spotify', 'default', 'leaderboard'] as const;
const USERS = 10;
const TARGET_BYTES_PER_SEARCH = 4096;
const TARGET_IDLE_PER_S = 1;

const flags = parseFlags(process.argv.slice(2), ['searches', 'ratings', 'idle-s', 'per-op', 'concurrency', 'env'], ['keep-logs']);
const SETTINGS = {
  searches: numberFlag(flags, 'searches', 1000),
  ratings: numberFlag(flags, 'ratings', 200),
  idleS: numberFlag(flags, 'idle-s', 30),
  perOp: numberFlag(flags, 'per-op', 50),
  concurrency: numberFlag(flags, 'concurrency', 4),
};
/** `--env A=1,B=2`: extra settings for every process of the stack (to compare settings). */
const EXTRA_ENV: Record<string, string> = Object.fromEntries(
  String(flags.env ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--env: "${pair}" is not NAME=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
);

const log = (line = ''): void => void process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/** PUT with a JSON body (no keep-alive). */
function httpPut(url: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(url, { method: 'PUT', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

interface Stack {
  api: string;
  redis: Redis;
  redisUrl: string;
  /** Album ids the searches found (for ratings). */
  albumIds: string[];
  tokens: DevToken[];
  nextArtist: number;
  artistCount: number;
  nextRating: number;
  statuses: Map<number, number>;
}

async function search(stack: Stack, query: string): Promise<void> {
  const res = await httpGet(`${stack.api}/api/v1/search?query=${encodeURIComponent(query)}`);
  stack.statuses.set(res.status, (stack.statuses.get(res.status) ?? 0) + 1);
  if (res.status !== 200) return;
  const body = JSON.parse(res.body) as { items: { id: string }[] };
  for (const album of body.items) stack.albumIds.push(album.id);
}

/** `count` distinct searches never made before, `concurrency` at a time; returns their queries. */
async function distinctSearches(stack: Stack, count: number, onProgress?: () => Promise<void>): Promise<string[]> {
  const queries = Array.from({ length: count }, () => generatedArtistQuery((stack.nextArtist += 1), stack.artistCount));
  await runPool(queries, SETTINGS.concurrency, (query) => search(stack, query), onProgress);
  return queries;
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>, onProgress?: () => Promise<void>): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        await work(item);
        done += 1;
        if (onProgress && done % 50 === 0) await onProgress();
      }
    }),
  );
}

/** `count` ratings, each a new (user, album) pair, users round-robin. */
async function ratings(stack: Stack, count: number): Promise<void> {
  const items = Array.from({ length: count }, () => stack.nextRating++);
  await runPool(items, SETTINGS.concurrency, async (i) => {
    const user = i % stack.tokens.length;
    const album = stack.albumIds[Math.floor(i / stack.tokens.length) % stack.albumIds.length];
    const res = await httpPut(`${stack.api}/api/v1/albums/${album}/rating`, stack.tokens[user].token, { score: 1 + (i % 10) });
    stack.statuses.set(res.status, (stack.statuses.get(res.status) ?? 0) + 1);
    if (res.status !== 200) throw new Error(`PUT rating answered ${res.status}: ${res.body.slice(0, 200)}`);
  });
}

/** Jobs waiting, prioritized or active on every queue, and delayed ones not from a scheduler. */
async function pendingJobs(redis: Redis): Promise<number> {
  const pipeline = redis.pipeline();
  for (const queue of QUEUES) {
    pipeline.llen(`${PREFIX}:${queue}:wait`);
    pipeline.llen(`${PREFIX}:${queue}:active`);
    pipeline.zcard(`${PREFIX}:${queue}:prioritized`);
    pipeline.zrange(`${PREFIX}:${queue}:delayed`, '0', '-1');
  }
  const replies = (await pipeline.exec()) ?? [];
  let pending = 0;
  for (const [, value] of replies) {
    if (typeof value === 'number') pending += value;
    else if (Array.isArray(value)) pending += (value as string[]).filter((id) => !id.startsWith('repeat:')).length;
  }
  return pending;
}

/** Until no job is pending for 1 s in a row (the background work a request caused is done). */
async function settle(redis: Redis, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  while (Date.now() < deadline) {
    if ((await pendingJobs(redis)) === 0) {
      if (!quietSince) quietSince = Date.now();
      if (Date.now() - quietSince >= 1000) return;
    } else quietSince = 0;
    await sleep(100);
  }
  throw new Error('the queues never settled');
}

function printFamilies(title: string, rows: KeyFamily[], per: number, unit: string): void {
  log(`| ${title} | keys | bytes | bytes per ${unit} |`);
  log('| --- | --- | --- | --- |');
  for (const row of rows) log(`| ${row.family} | ${row.keys} | ${row.bytes} | ${(row.bytes / per).toFixed(0)} |`);
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  log(`| total (MEMORY USAGE of the keys) | ${rows.reduce((sum, row) => sum + row.keys, 0)} | ${total} | ${(total / per).toFixed(0)} |`);
}

/** Client commands of `run` (until the queues settle) per operation, less the idle rate over the same time. */
async function commandsPer(stack: Stack, ops: number, idlePerMs: number, run: () => Promise<unknown>): Promise<{ count: ClientCommandCount; per: number }> {
  const { count } = await countClientCommands(stack.redisUrl, async () => {
    await run();
    await settle(stack.redis);
  }, [stack.redis]);
  return { count, per: Math.max(0, count.total - idlePerMs * count.elapsedMs) / ops };
}

async function main(): Promise<void> {
  const info = machineInfo();
  log(`# Redis footprint — ${info.date}, ${info.nproc} CPUs (${info.cpuModel}), node ${info.node}, load ${info.loadAverage1m}`);
  log(`settings: ${JSON.stringify(SETTINGS)}; extra env: ${JSON.stringify(EXTRA_ENV)}`);
  const dir = mkdtempSync(join(tmpdir(), 'albumboard-footprint-'));
  const redisServer: RedisProcess = await startRedis(join(dir, 'redis'));
  const redisUrl = `redis://127.0.0.1:${redisServer.port}`;
  log(`redis-server ${(await redisServer.cli('INFO', 'server')).match(/redis_version:(\S+)/)?.[1]} on ${redisUrl} (fresh, no maxmemory)`);
  const dbName = `footprint_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(DATABASE_URL);
  dbUrl.pathname = `/${dbName}`;
  const artistCount = SETTINGS.searches + 3 * SETTINGS.perOp + 100;
  const emulator = await startEmulator({ port: 0, latencyMs: 1, rateLimitPer30s: 0, generatedArtists: artistCount, logLevel: 'silent' });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const processes: StartedProcess[] = [];
  try {
    const common = {
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: PREFIX,
      DATABASE_URL: dbUrl.toString(),
      SPOTIFY_API_URL: `${emulator.url}/v1`,
      SPOTIFY_ACCOUNTS_URL: emulator.url,
      LOG_LEVEL: 'info',
      ...EXTRA_ENV,
    };
    // The api migrates the database; the workers start after it.
    const apiPort = await freePort();
    const api = `http://127.0.0.1:${apiPort}`;
    processes.push(
      await startProcess({
        name: 'api',
        args: [join(ROOT, 'apps/api/dist/index.js')],
        env: { ...common, PORT: String(apiPort), HOST: '127.0.0.1', API_RATE_LIMIT_SEARCH_PER_MIN: '1000000', API_RATE_LIMIT_PER_MIN: '1000000' },
        logFile: join(dir, 'api.log'),
        ready: answers200(`${api}/healthz`),
      }),
    );
    for (const [app, queue, env] of [
      ['worker-spotify', 'spotify', { SPOTIFY_BUDGET_PER_30S: '1000000' }],
      ['worker-default', 'default', {}],
      ['worker-leaderboard', 'leaderboard', {}],
    ] as const) {
      const logFile = join(dir, `${app}.log`);
      processes.push(await startProcess({ name: app, args: [join(ROOT, `apps/${app}/dist/index.js`)], env: { ...common, ...env }, logFile, ready: logContains(logFile, `Listening on ${queue}`) }));
    }
    await answers200(`${api}/readyz`)().catch(() => false);
    const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => mintDevToken(`footprint-user-${i}`, { ttlSeconds: 24 * 3600 })));
    const stack: Stack = { api, redis, redisUrl, albumIds: [], tokens, nextArtist: 0, artistCount, nextRating: 0, statuses: new Map() };

    // Warm-up: lazy listeners, loaded scripts, the first finished jobs (not counted).
    await distinctSearches(stack, 20);
    await settle(redis); // the albums are in the catalogue before anyone rates them
    await ratings(stack, 20);
    await settle(redis);
    await sleep(3000);

    // 1. Idle.
    const idle = await countClientCommands(redisUrl, () => sleep(SETTINGS.idleS * 1000));
    const idlePerMs = idle.count.total / idle.count.elapsedMs;
    log();
    log(`## idle: ${idle.count.total} client commands in ${(idle.count.elapsedMs / 1000).toFixed(1)} s = ${(idlePerMs * 1000).toFixed(2)}/s`);
    log(`by command: ${describeCount(idle.count)}`);
    log(`${mark(idlePerMs * 1000 <= TARGET_IDLE_PER_S)} idle ≤ ${TARGET_IDLE_PER_S} command/s: ${(idlePerMs * 1000).toFixed(2)}/s (${Math.round(idlePerMs * 86_400_000)} a day)`);

    // 2. Distinct uncached searches.
    stack.statuses.clear();
    const before: FamilySnapshot = await snapshotFamilies(redis, PREFIX);
    const memBefore = await usedMemory(redis);
    let sampledPeak = memBefore.used;
    const sample = async () => void (sampledPeak = Math.max(sampledPeak, (await usedMemory(redis)).used));
    const started = Date.now();
    await distinctSearches(stack, SETTINGS.searches, sample);
    const searchMs = Date.now() - started;
    await settle(redis);
    await sample();
    const memAfter = await usedMemory(redis);
    const afterSearches = await snapshotFamilies(redis, PREFIX);
    const growth = memAfter.used - memBefore.used;
    log();
    log(`## ${SETTINGS.searches} distinct uncached searches (${SETTINGS.concurrency} at a time, ${(searchMs / 1000).toFixed(1)} s), answers: ${JSON.stringify(Object.fromEntries(stack.statuses))}`);
    log(`used_memory: ${mb(memBefore.used)} → ${mb(memAfter.used)}: grew ${mb(growth)} = ${kb(growth / SETTINGS.searches)} per distinct search`);
    log(`peak used_memory: ${mb(Math.max(sampledPeak, memAfter.peak))} (server's used_memory_peak ${mb(memAfter.peak)}; sampled every 50 searches ${mb(sampledPeak)}), ${mb(Math.max(sampledPeak, memAfter.peak) - memBefore.used)} above the start`);
    printFamilies('key family (growth)', familyGrowth(before, afterSearches), SETTINGS.searches, 'search');
    log(`${mark(growth / SETTINGS.searches <= TARGET_BYTES_PER_SEARCH)} ≤ 4 KB of Redis per distinct uncached search: ${kb(growth / SETTINGS.searches)}`);

    // 3. Ratings.
    stack.statuses.clear();
    const memBeforeRatings = await usedMemory(redis);
    await ratings(stack, SETTINGS.ratings);
    await settle(redis);
    const memAfterRatings = await usedMemory(redis);
    const afterRatings = await snapshotFamilies(redis, PREFIX);
    log();
    log(`## ${SETTINGS.ratings} ratings from ${USERS} users, answers: ${JSON.stringify(Object.fromEntries(stack.statuses))}`);
    log(`used_memory grew ${mb(memAfterRatings.used - memBeforeRatings.used)} = ${kb((memAfterRatings.used - memBeforeRatings.used) / SETTINGS.ratings)} per rating`);
    printFamilies('key family (growth)', familyGrowth(afterSearches, afterRatings), SETTINGS.ratings, 'rating');

    // 4. Commands per operation.
    const k = SETTINGS.perOp;
    let queries: string[] = [];
    const uncached = await commandsPer(stack, k, idlePerMs, async () => {
      for (const query of Array.from({ length: k }, () => generatedArtistQuery((stack.nextArtist += 1), artistCount))) {
        await search(stack, query);
        queries.push(query);
      }
    });
    const cached = await commandsPer(stack, k, idlePerMs, async () => {
      for (const query of queries) await search(stack, query);
    });
    queries = [];
    const rated = await commandsPer(stack, k, idlePerMs, async () => {
      for (let i = 0; i < k; i += 1) await ratings(stack, 1);
    });
    log();
    log(`## client commands per operation (${k} each, one at a time, until the queues settle; idle rate subtracted)`);
    log(`uncached search: ${uncached.per.toFixed(1)} — ${describeCount(uncached.count, k)}`);
    log(`cached search: ${cached.per.toFixed(1)} — ${describeCount(cached.count, k)}`);
    log(`rating: ${rated.per.toFixed(1)} — ${describeCount(rated.count, k)}`);
    log();
    log('## keys by family at the end');
    printFamilies('key family', [...(await snapshotFamilies(redis, PREFIX)).values()].sort((a, b) => b.bytes - a.bytes), 1, 'key family');
    log(`used_memory at the end: ${mb((await usedMemory(redis)).used)}`);
  } finally {
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await emulator.close();
    redis.disconnect();
    await redisServer.stop();
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
    if (flags['keep-logs']) log(`logs kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
