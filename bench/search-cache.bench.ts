/**
 * `pnpm bench:search-cache` — what a cached search answer costs in Redis, before (one JSON string per query, no
 * budget) and after (@albumboard/search-cache: deflated, counted within a budget), and whether compression pays.
 * Real answers: every real artist of the emulator's catalogue searched once (limit 10, the api's default), mapped and
 * serialised exactly as the api stores them. Redis: a private `redis-server` the bench starts (MEMORY USAGE and
 * used_memory are then the cache's alone). Prints numbers; asserts nothing.
 *
 *   pnpm bench:search-cache
 *   BENCH_ENTRIES=5000 BENCH_HITS=20000 node --import tsx bench/search-cache.bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { silentLogger } from '@albumboard/observability';
import { startRedis, tempDir } from '@albumboard/redis-connection/test-support';
import { decodeEntry, encodeEntry, searchCacheId, searchCacheKeys, SearchCacheStore, type CacheBudget } from '@albumboard/search-cache';
import { SpotifyClient } from '@albumboard/spotify-client/http';
import { startEmulator, EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET } from '@albumboard/spotify-emulator';
import { searchResultSchema } from '@albumboard/api/dist/schemas/search.schema';
import { toSearchResult } from '@albumboard/api/dist/services/search.service';
import { Redis } from 'ioredis';

const ROOT = join(__dirname, '..');
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 2000);
const HITS = Number(process.env.BENCH_HITS ?? 10000);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const f0 = (n: number) => n.toFixed(0);

/** The JSON the api caches for each real artist of the emulator (limit 10, offset 0). */
async function realAnswers(): Promise<string[]> {
  const emulator = await startEmulator({ port: 0, rateLimitPer30s: 1_000_000, logLevel: 'silent' });
  try {
    const client = new SpotifyClient({ clientId: EMULATOR_DEFAULT_CLIENT_ID, clientSecret: EMULATOR_DEFAULT_CLIENT_SECRET, apiUrl: `${emulator.url}/v1`, accountsUrl: emulator.url });
    const { artists } = JSON.parse(readFileSync(join(ROOT, 'apps/spotify-emulator/src/catalog/real-artists.json'), 'utf8')) as { artists: { name: string }[] };
    const answers: string[] = [];
    for (const { name } of artists) {
      const query = { query: name, limit: 10, offset: 0 };
      const result = await client.searchArtistAlbums({ query: name, limit: 10, offset: 0 });
      if (result.albums.items.length > 0) answers.push(JSON.stringify(searchResultSchema.parse(toSearchResult(result, query))));
    }
    return answers;
  } finally {
    await emulator.close();
  }
}

/** Per-op µs of `fn` over `inputs`, median of 7 rounds after a warm-up round. */
function microsPerOp<T>(inputs: T[], fn: (input: T) => unknown): number {
  const rounds: number[] = [];
  for (let round = 0; round < 8; round += 1) {
    const started = process.hrtime.bigint();
    for (const input of inputs) fn(input);
    if (round > 0) rounds.push(Number(process.hrtime.bigint() - started) / 1000 / inputs.length);
  }
  return median(rounds);
}

function compareCodecs(answers: string[]): void {
  const brotli = (quality: number) => (s: string) => brotliCompressSync(s, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: s.length } });
  const codecs: Array<[string, (s: string) => Buffer, (b: Buffer) => string]> = [
    ['none (JSON text)', (s) => Buffer.from(s), (b) => b.toString('utf8')],
    ['deflate-raw level 1 (kept)', (s) => deflateRawSync(s, { level: 1 }), (b) => inflateRawSync(b).toString('utf8')],
    ['deflate-raw level 6', (s) => deflateRawSync(s, { level: 6 }), (b) => inflateRawSync(b).toString('utf8')],
    ['brotli quality 1', brotli(1), (b) => brotliDecompressSync(b).toString('utf8')],
    ['brotli quality 5', brotli(5), (b) => brotliDecompressSync(b).toString('utf8')],
  ];
  const raw = answers.map((a) => Buffer.byteLength(a));
  console.log(`\n## Compression of ${answers.length} real answers (JSON: mean ${f0(mean(raw))} bytes, median ${f0(median(raw))})\n`);
  console.log('| codec | mean bytes | median bytes | ratio | encode µs (a miss) | decode µs (a hit) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, encode, decode] of codecs) {
    const encoded = answers.map(encode);
    const sizes = encoded.map((b) => b.length);
    for (let i = 0; i < answers.length; i += 1) if (decode(encoded[i]) !== answers[i]) throw new Error(`${name} does not round-trip`);
    console.log(`| ${name} | ${f0(mean(sizes))} | ${f0(median(sizes))} | ${(mean(raw) / mean(sizes)).toFixed(2)} | ${microsPerOp(answers, encode).toFixed(1)} | ${microsPerOp(encoded, decode).toFixed(1)} |`);
  }
}

/** Counts the commands a connection sends (a per-command bill counts these; commands inside a script are not sent). */
function countCommands(redis: Redis): { take(): Record<string, number> } {
  let sent: Record<string, number> = {};
  const original = redis.sendCommand.bind(redis);
  redis.sendCommand = ((command: { name: string }, ...rest: unknown[]) => {
    sent[command.name] = (sent[command.name] ?? 0) + 1;
    return (original as (...args: unknown[]) => unknown)(command, ...rest);
  }) as typeof redis.sendCommand;
  return {
    take() {
      const taken = sent;
      sent = {};
      return taken;
    },
  };
}

const perOp = (counts: Record<string, number>, ops: number) => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${(total / ops).toFixed(2)} (${Object.entries(counts).map(([name, n]) => `${name} ${(n / ops).toFixed(2)}`).join(', ')})`;
};

interface Layout {
  name: string;
  write(id: string, json: string): Promise<void>;
  read(id: string): Promise<string | null>;
  /** The Redis keys this layout keeps besides its entries. */
  bookkeeping: string[];
}

async function measureLayout(redis: Redis, counter: ReturnType<typeof countCommands>, layout: Layout, answers: string[]): Promise<string> {
  await redis.flushall(); // the bench's own server
  const used = async () => Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1]);
  // Warm-up: scripts loaded, buffers grown.
  for (let i = 0; i < 50; i += 1) await layout.write(`warm ${i}`, answers[i % answers.length]);
  await redis.flushall();
  const before = await used();
  counter.take();
  for (let i = 0; i < ENTRIES; i += 1) await layout.write(`entry ${i}`, answers[i % answers.length]);
  const writeCommands = counter.take();
  const grown = (await used()) - before;
  let entryBytes = 0;
  let entries = 0;
  for (let i = 0; i < ENTRIES; i += 64) {
    const usage = await redis.memory('USAGE', `b:search-cache:${searchCacheId(`entry ${i}`)}`, 'SAMPLES', 0);
    if (usage !== null) {
      entryBytes += Number(usage);
      entries += 1;
    }
  }
  let bookkeeping = 0;
  for (const key of layout.bookkeeping) bookkeeping += Number((await redis.memory('USAGE', key, 'SAMPLES', 0)) ?? 0);
  counter.take();
  const hitTimes: number[] = [];
  for (let i = 0; i < HITS; i += 1) {
    const id = `entry ${ENTRIES - 1 - (i % Math.min(ENTRIES, 500))}`;
    const started = process.hrtime.bigint();
    if ((await layout.read(id)) === null) throw new Error(`${layout.name}: ${id} missing`);
    hitTimes.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  const hitCommands = counter.take();
  for (let i = 0; i < 200; i += 1) if ((await layout.read(`absent ${i}`)) !== null) throw new Error('absent entry found');
  const missCommands = counter.take();
  return (
    `| ${layout.name} | ${f0(grown / ENTRIES)} | ${f0(entryBytes / entries)} | ${f0(bookkeeping / ENTRIES)} | ${median(hitTimes).toFixed(0)} | ` +
    `${perOp(hitCommands, HITS)} | ${perOp(missCommands, 200)} + write ${perOp(writeCommands, ENTRIES)} |`
  );
}

async function main(): Promise<void> {
  const answers = await realAnswers();
  compareCodecs(answers);

  const dir = tempDir('bench-search-cache');
  const server = await startRedis(dir.path);
  const redis = new Redis({ host: '127.0.0.1', port: server.port });
  const counter = countCommands(redis);
  try {
    const prefix = 'b';
    const keys = searchCacheKeys(prefix);
    const before: Layout = {
      name: 'before: `fetchedAt\\n<json>`, GET / SET EX',
      write: async (id, json) => void (await redis.set(`${keys.entryPrefix}${searchCacheId(id)}`, `${Date.now()}\n${json}`, 'EX', 3600)),
      read: async (id) => {
        const raw = await redis.get(`${keys.entryPrefix}${searchCacheId(id)}`);
        return raw === null ? null : (/^(\d{1,15})\n(\{.*\})$/s.exec(raw)?.[2] ?? null);
      },
      bookkeeping: [],
    };
    const storeLayout = (name: string, budget: CacheBudget): Layout => {
      const store = new SearchCacheStore({ redis, prefix, budget, logger: silentLogger() });
      return {
        name,
        write: async (id, json) => void (await store.write(id, { fetchedAtMs: Date.now(), json }, 3600)),
        read: async (id) => (await store.read(id))?.json ?? null,
        bookkeeping: [keys.lru, keys.bytes],
      };
    };
    console.log(`\n## Redis, ${ENTRIES} distinct entries (answers reused with distinct keys), ${HITS} sequential fresh hits, 200 misses\n`);
    console.log('| layout | used_memory per entry | MEMORY USAGE per entry key | bookkeeping per entry | fresh hit p50 µs (round trip) | commands sent per fresh hit | per miss |');
    console.log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
    console.log(await measureLayout(redis, counter, before, answers));
    console.log(await measureLayout(redis, counter, storeLayout('after: deflated, LRU within a budget (shared noeviction Redis)', { kind: 'bounded', maxBytes: 1 << 30, why: 'bench' }), answers));
    console.log(await measureLayout(redis, counter, storeLayout('after: deflated, server evicts (CACHE_REDIS_URL, allkeys-lru)', { kind: 'server-evicts', why: 'bench' }), answers));
    const sample = encodeEntry({ fetchedAtMs: Date.now(), json: answers[0] });
    if (decodeEntry(sample)?.json !== answers[0]) throw new Error('entry does not round-trip');
  } finally {
    await redis.quit();
    await server.stop();
    dir.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
