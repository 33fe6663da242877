import { silentLogger } from '@albumboard/observability';
import { isOutOfMemoryError } from '@albumboard/redis-connection';
import { captureLogger, useStarted } from '@albumboard/test-support';
import { countedBytes, ENTRY_OVERHEAD_BYTES, searchCacheKeys, SearchCacheStore, type CacheBudget } from '../src';
import { answerJson } from './support/answers';
import { startPrivateRedis } from './support/private-redis';

const HOUR = 3600;
let counter = 0;
const uniquePrefix = () => `t${++counter}`;

describe('SearchCacheStore in a noeviction Redis', () => {
  const server = useStarted(() => startPrivateRedis('search-cache'));

  /** A store on the private server with a moving clock. */
  function storeWith(budget: CacheBudget, prefix = uniquePrefix()) {
    const clock = { ms: 1_700_000_000_000 };
    const store = new SearchCacheStore({ redis: server.redis, prefix, budget, logger: silentLogger(), now: () => clock.ms });
    return { store, clock, prefix, keys: searchCacheKeys(prefix) };
  }

  /** What Redis holds for the cache under `prefix`, by MEMORY USAGE, and how many entries. */
  async function heldBytes(prefix: string): Promise<{ bytes: number; entries: number }> {
    const keys = searchCacheKeys(prefix);
    let bytes = 0;
    let entries = 0;
    let cursor = '0';
    do {
      const [next, found] = await server.redis.scan(cursor, 'MATCH', `${keys.entryPrefix}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of found) {
        bytes += Number(await server.redis.memory('USAGE', key, 'SAMPLES', 0));
        if (key !== keys.lru && key !== keys.bytes) entries += 1;
      }
    } while (cursor !== '0');
    return { bytes, entries };
  }

  it('stays within its budget while many distinct answers are written, keeping the most recent', async () => {
    const budget = 256 * 1024;
    const { store, clock, prefix, keys } = storeWith({ kind: 'bounded', maxBytes: budget, why: 'test' });
    for (let i = 0; i < 1200; i += 1) {
      clock.ms += 1000;
      expect(await store.write(`search ${i}`, { fetchedAtMs: clock.ms, json: answerJson() }, HOUR)).toBe(true);
      if (i % 100 === 99) expect(Number(await server.redis.get(keys.bytes))).toBeLessThanOrEqual(budget);
    }
    const held = await heldBytes(prefix);
    expect(held.bytes).toBeLessThanOrEqual(budget);
    // What Redis holds (MEMORY USAGE of every cache key) fits; `used_memory` per entry is measured in bench/.
    // Compressed, ~1 KB each: a budget of 256 KiB keeps a few hundred, not the 1,200 written.
    expect(held.entries).toBeGreaterThan(150);
    expect(held.entries).toBeLessThan(400);
    expect(await server.redis.zcard(keys.lru)).toBe(held.entries);
    expect(await store.read('search 1199')).not.toBeNull();
    expect(await store.read(`search ${1199 - held.entries + 1}`)).not.toBeNull();
    expect(await store.read(`search ${1199 - held.entries}`)).toBeNull();
    expect(await store.read('search 0')).toBeNull();
  });

  it('drops the least recently used entry first; a read counts as a use (raised at most once a minute)', async () => {
    const json = answerJson();
    const probe = storeWith({ kind: 'bounded', maxBytes: 1 << 20, why: 'test' });
    await probe.store.write('probe', { fetchedAtMs: 0, json }, HOUR);
    const perEntry = Number(await server.redis.get(probe.keys.bytes));
    expect(perEntry).toBeGreaterThan(ENTRY_OVERHEAD_BYTES);

    const { store, clock } = storeWith({ kind: 'bounded', maxBytes: Math.floor(perEntry * 3.5), why: 'room for three' });
    const write = async (name: string, atS: number) => {
      clock.ms = 1_700_000_000_000 + atS * 1000;
      expect(await store.write(name, { fetchedAtMs: clock.ms, json }, HOUR)).toBe(true);
    };
    const read = async (name: string, atS: number) => {
      clock.ms = 1_700_000_000_000 + atS * 1000;
      return store.read(name);
    };
    const present = async () => {
      const names = ['A', 'B', 'C', 'D', 'E', 'F'];
      const found = await Promise.all(names.map((name) => server.redis.exists(store.keyFor(name)))); // not a use
      return names.filter((_, index) => found[index] === 1);
    };
    await write('A', 0);
    await write('B', 10);
    await write('C', 20);
    expect((await read('A', 100))?.json).toBe(json);
    await write('D', 110);
    expect(await present()).toEqual(['A', 'C', 'D']); // B, least recently used, went first; A was read at 100 s
    await write('E', 120);
    expect(await present()).toEqual(['A', 'D', 'E']);
    expect(await read('D', 130)).not.toBeNull(); // 20 s after D's last use: not raised again
    await write('F', 140);
    expect(await present()).toEqual(['D', 'E', 'F']); // A (last use 100 s) went before D (110 s)
  });

  it('counts a rewritten answer once, at its new size', async () => {
    const { store, keys } = storeWith({ kind: 'bounded', maxBytes: 1 << 20, why: 'test' });
    await store.write('same', { fetchedAtMs: 1, json: answerJson(20) }, HOUR);
    const small = answerJson(2);
    await store.write('same', { fetchedAtMs: 2, json: small }, HOUR);
    const length = await server.redis.strlen(store.keyFor('same'));
    expect(Number(await server.redis.get(keys.bytes))).toBe(countedBytes(length));
    expect(await server.redis.zcard(keys.lru)).toBe(1);
    expect(await store.read('same')).toEqual({ fetchedAtMs: 2, json: small });
  });

  it('drops, on a later write, the entries last used more than a lifetime ago, and their count', async () => {
    const { store, clock, keys } = storeWith({ kind: 'bounded', maxBytes: 1 << 20, why: 'test' });
    for (const name of ['old 1', 'old 2']) await store.write(name, { fetchedAtMs: clock.ms, json: answerJson() }, 100);
    clock.ms += 101_000;
    await store.write('new', { fetchedAtMs: clock.ms, json: answerJson() }, 100);
    expect(await server.redis.exists(store.keyFor('old 1'), store.keyFor('old 2'))).toBe(0);
    expect(await server.redis.zcard(keys.lru)).toBe(1);
    expect(Number(await server.redis.get(keys.bytes))).toBe(countedBytes(await server.redis.strlen(store.keyFor('new'))));
    const ttl = await server.redis.ttl(keys.lru);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(100);
  });

  it('stores no answer larger than its whole budget', async () => {
    const { store } = storeWith({ kind: 'bounded', maxBytes: 1000, why: 'tiny' });
    expect(await store.write('big', { fetchedAtMs: 1, json: answerJson(50) }, HOUR)).toBe(false);
    expect(await server.redis.exists(store.keyFor('big'))).toBe(0);
  });

  it('sheds the least recently used half by default, a given amount, or everything', async () => {
    const { store, clock, keys } = storeWith({ kind: 'bounded', maxBytes: 1 << 22, why: 'test' });
    for (let i = 0; i < 40; i += 1) {
      clock.ms += 1000;
      await store.write(`s${i}`, { fetchedAtMs: clock.ms, json: answerJson() }, HOUR);
    }
    const total = Number(await server.redis.get(keys.bytes));
    const half = await store.shed();
    expect(half).toBeGreaterThanOrEqual(total / 2);
    expect(half).toBeLessThan(total / 2 + 3000);
    expect(await store.read('s0')).toBeNull();
    expect(await store.read('s39')).not.toBeNull();
    const left = await server.redis.zcard(keys.lru);
    expect(await store.shed(1)).toBeGreaterThan(0);
    expect(await server.redis.zcard(keys.lru)).toBe(left - 1);
    await store.shed(Infinity);
    expect(await server.redis.exists(keys.lru, keys.bytes)).toBe(0);
    expect(await store.read('s39')).toBeNull();
    expect(await store.shed()).toBe(0);
  });

  it('without a budget of its own (the server evicts) writes only the entries, with their lifetime', async () => {
    const { store, keys } = storeWith({ kind: 'server-evicts', why: 'allkeys-lru' });
    expect(await store.write('plain', { fetchedAtMs: 5, json: '{"a":1}' }, HOUR)).toBe(true);
    expect(await store.read('plain')).toEqual({ fetchedAtMs: 5, json: '{"a":1}' });
    expect(await server.redis.exists(keys.lru, keys.bytes)).toBe(0);
    expect(await server.redis.ttl(store.keyFor('plain'))).toBeGreaterThan(HOUR - 5);
  });
});

describe('SearchCacheStore when Redis is out of memory (maxmemory 4mb, noeviction)', () => {
  const server = useStarted(() => startPrivateRedis('search-cache-oom', ['--maxmemory', '4mb', '--maxmemory-policy', 'noeviction']));

  it('a write meeting OOM gives back the least recently used half and answers uncached; reads and sheds still work', async () => {
    const prefix = uniquePrefix();
    const keys = searchCacheKeys(prefix);
    const clock = { ms: 1_700_000_000_000 };
    // A budget larger than the server: only OOM stops it.
    const log = captureLogger();
    const store = new SearchCacheStore({ redis: server.redis, prefix, budget: { kind: 'bounded', maxBytes: 64 << 20, why: 'test' }, logger: log.logger, now: () => clock.ms });
    let written = 0;
    for (;;) {
      clock.ms += 1000;
      if (!(await store.write(`s${written}`, { fetchedAtMs: clock.ms, json: answerJson() }, HOUR))) break;
      written += 1;
      expect(written).toBeLessThan(20_000);
    }
    const left = await server.redis.zcard(keys.lru);
    expect(written).toBeGreaterThan(1000);
    expect(left).toBeGreaterThan(written / 2 - 50);
    expect(left).toBeLessThanOrEqual(written / 2 + 1);
    expect(await store.read(`s${written - 1}`)).not.toBeNull();
    expect(await store.read('s0')).toBeNull();
    // One warning, naming the fix.
    expect(log.lines.filter((line) => line.level === 40).map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Redis is out of memory .*gave back.*Fix: .*SEARCH_CACHE_MAX_MB.*CACHE_REDIS_URL$/),
    ]);
    // Room again: the next write goes through.
    expect(await store.write('after', { fetchedAtMs: clock.ms, json: answerJson() }, HOUR)).toBe(true);

    // Fill the server with something else until it refuses writes: the cache still answers, and can still shed.
    const filler = `${prefix}:filler`;
    const chunk = 'x'.repeat(16_384);
    const full = await (async () => {
      for (let i = 0; i < 1000; i += 1) await server.redis.append(filler, chunk);
      return null;
    })().catch((error: unknown) => error);
    expect(isOutOfMemoryError(full)).toBe(true);
    clock.ms += 120_000;
    expect(await store.read('after')).not.toBeNull(); // the recency raise fails under OOM; the hit does not
    expect(await store.shed(Infinity)).toBeGreaterThan(0);
    await expect(server.redis.set(`${prefix}:probe`, 'fits again')).resolves.toBe('OK');
    expect(await server.redis.exists(keys.lru, keys.bytes)).toBe(0);
    await server.redis.del(filler, `${prefix}:probe`);
  });
});
