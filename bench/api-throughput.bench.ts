/**
 * `pnpm bench:api`: how many requests per second the api itself serves (issue 13, item 6).
 *
 * 1. Cached searches: the api runs as a real process from apps/api/dist (this machine's Redis and PostgreSQL, an
 *    in-process emulator, worker-spotify only to warm the cache — stopped before measuring). One search is warmed
 *    into the cache, then autocannon (BENCH_CONNECTIONS, default 50) hits `GET /api/v1/search?…` on the api and on a
 *    bare express app in its own process answering the same JSON body, alternating rounds (api, bare, api, bare, …).
 *    Target: api ≥ 0.5× bare (medians of the rounds).
 * 2. Rating writes: BENCH_PUTS `PUT /api/v1/albums/:albumId/rating` (dev tokens of BENCH_USERS users, each PUT a new
 *    (user, album) pair) at BENCH_PUT_CONCURRENCY in flight through the api, alternating with the same number of
 *    `public.submit_rating` calls (the SQL the store sends) straight to PostgreSQL from a node-postgres pool at the same
 *    concurrency. Rows are counted afterwards (nothing lost). Target: api ≥ 0.3× direct (medians).
 * 3. Redis commands per cached search and per PUT (INFO commandstats deltas).
 *
 * Prints numbers, never fails on time. Everything it creates (users' ratings, albums, Redis keys under its own
 * QUEUE_PREFIX) is removed at the end.
 *
 * Settings (environment): BENCH_PHASES (search,put), BENCH_SEARCH_ROUNDS (3 pairs), BENCH_SEARCH_SECONDS (8),
 * BENCH_CONNECTIONS (50), BENCH_PUTS (2000), BENCH_PUT_CONCURRENCY (50), BENCH_PUT_ROUNDS (3 pairs), BENCH_USERS (20),
 * BENCH_API_ENV (extra api environment, `LOG_LEVEL=warn,FOO=bar`), BENCH_API_NODE_ARGS (node flags for the api, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`), BENCH_KEEP_LOGS=1 (keep the processes' logs), REDIS_URL, DATABASE_URL.
 */
import { mintDevToken } from '@albumboard/api/dist/auth/dev-token';
import { devUserId } from '@albumboard/api/dist/auth/dev-auth';
import { startEmulator } from '@albumboard/spotify-emulator';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { answers200, freePort, httpGet, logContains, startProcess, type StartedProcess } from './lib/api-throughput-processes';
import { commandDelta, commandStats, perRequest } from './lib/redis-command-stats';
import { httpJsonClient, runClosedLoop, type WriteRunResult } from './lib/api-throughput-writes';
import { machineInfo } from './lib/machine-info';
import { deleteKeys, runId } from './lib/redis-cleanup';

const ROOT = join(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const SETTINGS = {
  phases: (process.env.BENCH_PHASES ?? 'search,put').split(',').map((p) => p.trim()),
  searchRounds: num('BENCH_SEARCH_ROUNDS', 3),
  searchSeconds: num('BENCH_SEARCH_SECONDS', 8),
  connections: num('BENCH_CONNECTIONS', 50),
  puts: num('BENCH_PUTS', 2000),
  putConcurrency: num('BENCH_PUT_CONCURRENCY', 50),
  putRounds: num('BENCH_PUT_ROUNDS', 3),
  users: num('BENCH_USERS', 20),
};
/** The api's own pool size (packages/rating-store's default; apps/api does not set it). */
const API_POOL_MAX = 10;
const SEARCH_TARGET = 0.5;
const WRITE_TARGET = 0.3;
const SEARCH_QUERY = 'Radiohead';
const SEARCH_PATH = `/api/v1/search?query=${encodeURIComponent(SEARCH_QUERY)}&limit=10`;

function extraApiEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of (process.env.BENCH_API_ENV ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`BENCH_API_ENV: "${pair}" is not NAME=value`);
    env[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return env;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mark = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const log = (line = ''): void => void process.stdout.write(`${line}\n`);

async function cannon(url: string, options: { connections: number; duration?: number; amount?: number }): Promise<{ rps: number; total: number; non2xx: number; errors: number; p50: number; p99: number }> {
  const result = await autocannon({
    url,
    connections: options.connections,
    pipelining: 1,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration ?? 10 }),
  });
  const seconds = options.duration ?? result.duration;
  const total = result.requests.total;
  return { rps: Math.round(total / seconds), total, non2xx: result.non2xx, errors: result.errors + result.timeouts, p50: result.latency.p50, p99: result.latency.p99 };
}

// ---------------------------------------------------------------------------------------------------------------
// Cached search
// ---------------------------------------------------------------------------------------------------------------

async function searchPhase(ctx: { api: string; bare: string; redis: Redis }): Promise<void> {
  const { searchRounds, searchSeconds, connections } = SETTINGS;
  log(`## cached search: GET ${SEARCH_PATH} — autocannon, ${connections} connections, ${searchRounds} pairs of ${searchSeconds} s rounds`);
  // Warm the JIT of both sides (not measured).
  await cannon(ctx.api + SEARCH_PATH, { connections, duration: 2 });
  await cannon(ctx.bare + SEARCH_PATH, { connections, duration: 2 });
  const rounds: { api: number[]; bare: number[] } = { api: [], bare: [] };
  log('| round | side | req/s | p50 ms | p99 ms | non-2xx | errors |');
  log('| --- | --- | --- | --- | --- | --- | --- |');
  for (let r = 1; r <= searchRounds; r += 1) {
    for (const side of ['api', 'bare'] as const) {
      const res = await cannon((side === 'api' ? ctx.api : ctx.bare) + SEARCH_PATH, { connections, duration: searchSeconds });
      rounds[side].push(res.rps);
      log(`| ${r} | ${side === 'api' ? 'api' : 'bare express'} | ${res.rps} | ${res.p50} | ${res.p99} | ${res.non2xx} | ${res.errors} |`);
    }
  }
  const api = median(rounds.api);
  const bare = median(rounds.bare);
  const ratio = api / bare;
  log(`median req/s: api ${api}, bare express ${bare}; ratio ${ratio.toFixed(3)} (per round: ${rounds.api.map((a, i) => (a / rounds.bare[i]).toFixed(2)).join(', ')})`);
  log(`${mark(ratio >= SEARCH_TARGET)} cached searches/s through the api ≥ ${SEARCH_TARGET}× bare express: ${ratio.toFixed(3)}×`);

  // Redis commands per cached search: an idle second first (noise from other Redis users), then 1000 searches.
  const idle0 = await commandStats(ctx.redis);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idle = commandDelta(idle0, await commandStats(ctx.redis));
  const before = await commandStats(ctx.redis);
  const counted = await cannon(ctx.api + SEARCH_PATH, { connections: 10, amount: 1000 });
  const delta = commandDelta(before, await commandStats(ctx.redis));
  log(`Redis commands per cached search: ${perRequest(delta, counted.total)} [idle second before: ${perRequest(idle, 1)}]`);
  log();
}

// ---------------------------------------------------------------------------------------------------------------
// Rating writes
// ---------------------------------------------------------------------------------------------------------------

const SUBMIT_SQL = 'select * from public.submit_rating(p_user_id => $1::uuid, p_album_id => $2::text, p_score => $3::integer)';

interface PutCtx {
  api: string;
  redis: Redis;
  db: Pool;
  run: string;
  albumIds: string[];
  userIds: string[];
}

/** The (user, album, score) of operation i: every operation a new pair, users round-robin. */
function target(i: number, users: number): { user: number; album: number; score: number } {
  return { user: i % users, album: Math.floor(i / users), score: 1 + (i % 10) };
}

async function verifyRows(db: Pool, userIds: string[], count: number): Promise<string> {
  const expectedSum = Array.from({ length: count }, (_, i) => target(i, userIds.length).score).reduce((a, b) => a + b, 0);
  const { rows } = await db.query<{ n: number; s: number | null }>('select count(*)::int as n, sum(score)::int as s from public.ratings where user_id = any($1::uuid[])', [userIds]);
  const { n, s } = rows[0];
  return n === count && s === expectedSum ? `all ${count} rows stored` : `LOST: ${n} rows (sum ${s}) of ${count} (sum ${expectedSum})`;
}

function userNames(ctx: PutCtx, label: string): string[] {
  return Array.from({ length: SETTINGS.users }, (_, j) => `bat-${ctx.run}-${label}-u${String(j).padStart(3, '0')}`);
}

async function apiWrites(ctx: PutCtx, label: string, count: number): Promise<WriteRunResult & { verdict: string; redis: string }> {
  const tokens = await Promise.all(userNames(ctx, label).map((name) => mintDevToken(name, { ttlSeconds: 3600 })));
  const ids = tokens.map((t) => t.userId);
  ctx.userIds.push(...ids);
  const client = httpJsonClient(SETTINGS.putConcurrency);
  const before = await commandStats(ctx.redis);
  const result = await runClosedLoop(count, SETTINGS.putConcurrency, async (i) => {
    const t = target(i, ids.length);
    const res = await client.send('PUT', `${ctx.api}/api/v1/albums/${ctx.albumIds[t.album]}/rating`, { authorization: `Bearer ${tokens[t.user].token}` }, { score: t.score });
    if (res.status !== 200) throw new Error(`PUT answered ${res.status}: ${res.body.slice(0, 200)}`);
  });
  const delta = commandDelta(before, await commandStats(ctx.redis));
  client.close();
  return { ...result, verdict: await verifyRows(ctx.db, ids, count), redis: perRequest(delta, result.ok || 1) };
}

async function directWrites(ctx: PutCtx, label: string, count: number, poolMax: number): Promise<WriteRunResult & { verdict: string }> {
  const ids = userNames(ctx, label).map(devUserId);
  ctx.userIds.push(...ids);
  const pool = new Pool({ connectionString: DATABASE_URL, max: poolMax });
  try {
    await Promise.all(Array.from({ length: poolMax }, () => pool.query('select 1'))); // connections open, like the api's warm pool
    const result = await runClosedLoop(count, SETTINGS.putConcurrency, async (i) => {
      const t = target(i, ids.length);
      await pool.query(SUBMIT_SQL, [ids[t.user], ctx.albumIds[t.album], t.score]);
    });
    return { ...result, verdict: await verifyRows(ctx.db, ids, count) };
  } finally {
    await pool.end();
  }
}

async function putPhase(ctx: PutCtx): Promise<void> {
  const { puts, putConcurrency, putRounds, users } = SETTINGS;
  log(`## rating writes: ${puts} per round, ${putConcurrency} in flight, ${users} users, each a new (user, album) pair; ${putRounds} pairs of rounds`);
  // Warm-up (not measured): the api's JIT, pool and token path; PostgreSQL's plan of submit_rating.
  const warm = await apiWrites(ctx, 'warm', Math.min(puts, 400));
  if (warm.errors) log(`warm-up errors: ${warm.errorSamples.join(' | ')}`);
  const rows = (label: string, r: WriteRunResult & { verdict: string }) =>
    log(`| ${label} | ${r.ok}/${r.count} | ${r.elapsedMs} | ${r.perSecond} | ${r.latency.p50} | ${r.latency.p95} | ${r.latency.max} | ${r.verdict}${r.errors ? `; errors: ${r.errorSamples.join(' | ')}` : ''} |`);
  log('| round | ok | ms | writes/s | p50 ms | p95 ms | max ms | rows |');
  log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const rates = { api: [] as number[], direct: [] as number[], pool10: [] as number[] };
  const redisLines: string[] = [];
  for (let r = 1; r <= putRounds; r += 1) {
    const api = await apiWrites(ctx, `r${r}a`, puts);
    rows(`${r} api PUT`, api);
    rates.api.push(api.perSecond);
    redisLines.push(api.redis);
    const direct = await directWrites(ctx, `r${r}d`, puts, putConcurrency);
    rows(`${r} direct pg, pool ${putConcurrency}`, direct);
    rates.direct.push(direct.perSecond);
    const pool10 = await directWrites(ctx, `r${r}p`, puts, API_POOL_MAX);
    rows(`${r} direct pg, pool ${API_POOL_MAX} (the api's pool size)`, pool10);
    rates.pool10.push(pool10.perSecond);
  }
  const api = median(rates.api);
  const direct = median(rates.direct);
  const pool10 = median(rates.pool10);
  const ratio = api / direct;
  const strict = api / Math.max(direct, pool10);
  log(`median writes/s: api ${api}, direct (pool ${putConcurrency}) ${direct}, direct (pool ${API_POOL_MAX}) ${pool10}`);
  log(`ratio api/direct at the same concurrency (pool = ${putConcurrency} connections): ${ratio.toFixed(3)}; against the faster direct pool: ${strict.toFixed(3)}`);
  log(`${mark(ratio >= WRITE_TARGET)} rating writes/s through the api ≥ ${WRITE_TARGET}× direct PostgreSQL at ${putConcurrency} in flight: ${ratio.toFixed(3)}× (${mark(strict >= WRITE_TARGET)} against the faster pool: ${strict.toFixed(3)}×)`);
  for (const [i, line] of redisLines.entries()) log(`Redis commands per rating PUT (round ${i + 1}): ${line}`);
  log();
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const run = runId();
  const prefix = `bench-at-${run}`;
  const dir = mkdtempSync(join(tmpdir(), 'albumboard-api-throughput-'));
  const info = machineInfo();
  log(`# api throughput — ${info.date}, ${info.nproc} CPUs (${info.cpuModel}), node ${info.node}, load ${info.loadAverage1m}`);
  log(`settings: ${JSON.stringify(SETTINGS)}; api extra env: ${JSON.stringify(extraApiEnv())}; api node args: ${process.env.BENCH_API_NODE_ARGS ?? 'none'}`);
  log();
  const redis = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const db = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const emulator = await startEmulator({ port: 0, latencyMs: 0, rateLimitPer30s: 0, logLevel: 'silent' });
  const processes: StartedProcess[] = [];
  const albumIds: string[] = [];
  const putCtx: PutCtx = { api: '', redis, db, run, albumIds, userIds: [] };
  try {
    const common = { REDIS_URL, QUEUE_PREFIX: prefix, SPOTIFY_API_URL: `${emulator.url}/v1`, SPOTIFY_ACCOUNTS_URL: emulator.url };
    const worker = await startProcess({
      name: 'worker-spotify',
      args: [join(ROOT, 'apps/worker-spotify/dist/index.js')],
      env: { ...common, LOG_LEVEL: 'info', SPOTIFY_BUDGET_PER_30S: '100000', SPOTIFY_CONCURRENCY: '4' },
      logFile: join(dir, 'worker-spotify.log'),
      ready: logContains(join(dir, 'worker-spotify.log'), 'Listening on spotify'),
    });
    processes.push(worker);
    const apiPort = await freePort();
    const api = `http://127.0.0.1:${apiPort}`;
    const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
    processes.push(
      await startProcess({
        name: 'api',
        args: [...nodeArgs, join(ROOT, 'apps/api/dist/index.js')],
        env: {
          ...common,
          PORT: String(apiPort),
          HOST: '127.0.0.1',
          DATABASE_URL,
          LOG_LEVEL: 'info',
          API_RATE_LIMIT_SEARCH_PER_MIN: '1000000',
          API_RATE_LIMIT_PER_MIN: '1000000',
          ...extraApiEnv(),
        },
        logFile: join(dir, 'api.log'),
        ready: answers200(`${api}/healthz`),
      }),
    );
    putCtx.api = api;

    if (SETTINGS.phases.includes('search')) {
      // Warm the one search into the cache (through worker-spotify), then stop the worker: the api alone answers.
      let body = '';
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const res = await httpGet(api + SEARCH_PATH);
        if (res.status === 200 && (JSON.parse(res.body) as { cached?: boolean }).cached === true) {
          body = res.body;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (!body) throw new Error('the search never came back cached');
      await worker.stop();
      const bodyFile = join(dir, 'search-body.json');
      writeFileSync(bodyFile, body);
      const barePort = await freePort();
      const bare = `http://127.0.0.1:${barePort}`;
      processes.push(
        await startProcess({
          name: 'bare express',
          args: ['--import', 'tsx', join(ROOT, 'bench/lib/bare-express-server.ts')],
          env: { BARE_PORT: String(barePort), BARE_BODY_FILE: bodyFile, NODE_ENV: process.env.NODE_ENV ?? '' },
          logFile: join(dir, 'bare.log'),
          ready: answers200(`${bare}/healthz`),
        }),
      );
      const bareBody = (await httpGet(bare + SEARCH_PATH)).body;
      log(`cached answer: ${Buffer.byteLength(body)} bytes (bare express answers ${bareBody === body ? 'the same bytes' : `${Buffer.byteLength(bareBody)} bytes, not byte-identical`})`);
      await searchPhase({ api, bare, redis });
      await processes.pop()?.stop();
    } else {
      await worker.stop();
    }

    if (SETTINGS.phases.includes('put')) {
      const albums = Math.ceil(SETTINGS.puts / SETTINGS.users);
      const stem = `Bat${run}`;
      for (let i = 0; i < albums; i += 1) albumIds.push(`${stem}${String(i).padStart(22 - stem.length, '0')}`);
      const docs = albumIds.map((id, i) => ({ id, name: `Bench album ${i}`, artists: [{ id: 'benchartist', name: 'Bench' }], image_url: null, release_date: '2020', album_type: 'album', total_tracks: 10, spotify_url: null }));
      await db.query('select public.upsert_albums($1::jsonb)', [JSON.stringify(docs)]);
      await putPhase(putCtx);
    }
  } finally {
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await emulator.close();
    // Clean up: this run's ratings, albums and Redis keys.
    if (putCtx.userIds.length) {
      const removed = await db.query('delete from public.ratings where user_id = any($1::uuid[])', [putCtx.userIds]);
      log(`cleanup: ${removed.rowCount} ratings removed`);
    }
    if (albumIds.length) {
      await db.query('delete from public.albums where id = any($1::text[])', [albumIds]).then(
        (r) => log(`cleanup: ${r.rowCount} albums removed`),
        (error: Error) => log(`cleanup: albums kept (${error.message})`),
      );
    }
    log(`cleanup: ${await deleteKeys(REDIS_URL, [`${prefix}:*`])} Redis keys removed`);
    await db.end();
    redis.disconnect();
    if (process.env.BENCH_KEEP_LOGS === '1') log(`logs kept in ${dir}`);
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
