/**
 * Redis memory by key family, for `redis-footprint.bench.ts`: SCAN every key under a prefix, `MEMORY USAGE` each, and
 * group them by what they are — a queue's events stream, its job hashes by job name, its lists and sets, the search
 * cache, the budget keys, the operations metrics... A family is the key with its variable parts (job ids, hashes,
 * numbers) replaced by `*`, except job hashes, which are grouped by queue and job name.
 */
import type { Redis } from 'ioredis';

export interface KeyFamily {
  family: string;
  keys: number;
  bytes: number;
}

export type FamilySnapshot = Map<string, KeyFamily>;

/** A job id or any other variable part of a key: digits, hex/base64-ish ids, uuids. */
const VARIABLE = /^(?:\d+|[0-9a-f]{16,}|[0-9a-f-]{36}|[A-Za-z0-9]{22})$/;

/** The family of `key` (already stripped of `prefix:`); `jobName` when the key is a BullMQ job hash. */
export function familyOf(rest: string, jobName?: string): string {
  const parts = rest.split(':');
  if (jobName !== undefined) return `${parts[0]}: job hashes ${jobName}`;
  return parts.map((part) => (VARIABLE.test(part) ? '*' : part)).join(':');
}

/** Every key under `prefix:` with its MEMORY USAGE, grouped by family. */
export async function snapshotFamilies(redis: Redis, prefix: string): Promise<FamilySnapshot> {
  const families: FamilySnapshot = new Map();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (!keys.length) continue;
    const pipeline = redis.pipeline();
    for (const key of keys) {
      pipeline.memory('USAGE', key, 'SAMPLES', '0');
      pipeline.type(key);
    }
    const replies = (await pipeline.exec()) ?? [];
    const hashes: string[] = [];
    const rows = keys.map((key, i) => ({ key, bytes: Number(replies[2 * i]?.[1] ?? 0), type: String(replies[2 * i + 1]?.[1] ?? '') }));
    for (const row of rows) if (row.type === 'hash') hashes.push(row.key);
    const names = new Map<string, string>();
    if (hashes.length) {
      const lookups = redis.pipeline();
      for (const key of hashes) lookups.hmget(key, 'name', 'timestamp');
      const found = (await lookups.exec()) ?? [];
      hashes.forEach((key, i) => {
        const [name, timestamp] = (found[i]?.[1] ?? []) as (string | null)[];
        if (name && timestamp) names.set(key, name); // a BullMQ job hash carries both
      });
    }
    for (const row of rows) {
      const family = familyOf(row.key.slice(prefix.length + 1), names.get(row.key));
      const entry = families.get(family) ?? { family, keys: 0, bytes: 0 };
      entry.keys += 1;
      entry.bytes += row.bytes;
      families.set(family, entry);
    }
  } while (cursor !== '0');
  return families;
}

/** `after` minus `before`, family by family (families in either), largest growth first. */
export function familyGrowth(before: FamilySnapshot, after: FamilySnapshot): KeyFamily[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .map((family) => ({
      family,
      keys: (after.get(family)?.keys ?? 0) - (before.get(family)?.keys ?? 0),
      bytes: (after.get(family)?.bytes ?? 0) - (before.get(family)?.bytes ?? 0),
    }))
    .filter((row) => row.keys !== 0 || row.bytes !== 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** `used_memory` of INFO memory, in bytes. */
export async function usedMemory(redis: Redis): Promise<{ used: number; peak: number; maxmemory: number }> {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? Number.NaN);
  return { used: field('used_memory'), peak: field('used_memory_peak'), maxmemory: field('maxmemory') };
}
