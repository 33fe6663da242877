import type { RedisConnection } from '@albumboard/redis-connection';

/**
 * How the cache keeps within memory:
 * - `bounded`: it counts its bytes and drops the least recently used entries past `maxBytes` (in a `noeviction` Redis,
 *   the one BullMQ needs, nothing else would);
 * - `server-evicts`: the server holding it evicts by itself (a `maxmemory` and a policy other than `noeviction`, e.g.
 *   `allkeys-lru` on CACHE_REDIS_URL): the cache only writes its entries and lets the server choose.
 */
export type CacheBudget = { kind: 'bounded'; maxBytes: number; why: string } | { kind: 'server-evicts'; why: string };

/** MiB, Redis's `mb`. */
const MIB = 1_048_576;
/**
 * The cache's share of a server's `maxmemory` when SEARCH_CACHE_MAX_MB is unset: a quarter. The queues need the rest:
 * BullMQ's own keys, kept jobs and events streams, Redis's baseline (~1 MB), and headroom below the 90 % at which
 * readiness reports memory pressure; a quarter of a 25 MB plan still holds ~7,000 compressed answers.
 */
export const MAXMEMORY_SHARE = 0.25;
/** The budget when the server reports no `maxmemory` (unbounded, or not told): a quarter of the smallest plans' 25 MB. */
export const DEFAULT_SEARCH_CACHE_MAX_MB = 6;

/** DEFAULT_SEARCH_CACHE_MAX_MB, bounded. */
export const DEFAULT_CACHE_BUDGET: CacheBudget = {
  kind: 'bounded',
  maxBytes: DEFAULT_SEARCH_CACHE_MAX_MB * MIB,
  why: `the default ${DEFAULT_SEARCH_CACHE_MAX_MB} MiB`,
};

/** `maxmemory` (bytes, 0: none) and `maxmemory_policy` from `INFO memory`; CONFIG is often disabled on hosted Redis. */
async function memoryLimits(redis: RedisConnection): Promise<{ maxmemory: number; policy: string } | null> {
  try {
    const info = await redis.info('memory');
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
    return { maxmemory: Number(field('maxmemory') ?? 0) || 0, policy: field('maxmemory_policy') ?? 'noeviction' };
  } catch {
    return null;
  }
}

/**
 * The budget of a cache kept on `redis`: SEARCH_CACHE_MAX_MB when set (the operator's word wins, even over a server
 * that evicts by itself); else `server-evicts` if that server has a `maxmemory` and an evicting policy; else a quarter
 * of its `maxmemory`; else DEFAULT_SEARCH_CACHE_MAX_MB.
 */
export async function resolveCacheBudget(redis: RedisConnection, maxMb: number | undefined): Promise<CacheBudget> {
  if (maxMb !== undefined) return { kind: 'bounded', maxBytes: maxMb * MIB, why: `SEARCH_CACHE_MAX_MB=${maxMb}` };
  const limits = await memoryLimits(redis);
  if (limits && limits.maxmemory > 0 && limits.policy !== 'noeviction') {
    return { kind: 'server-evicts', why: `the server evicts by itself (maxmemory-policy ${limits.policy})` };
  }
  if (limits && limits.maxmemory > 0) {
    return { kind: 'bounded', maxBytes: Math.floor(limits.maxmemory * MAXMEMORY_SHARE), why: `a quarter of the server's maxmemory (${limits.maxmemory} bytes)` };
  }
  return { ...DEFAULT_CACHE_BUDGET, why: `${DEFAULT_CACHE_BUDGET.why} (the server reports no maxmemory)` };
}
