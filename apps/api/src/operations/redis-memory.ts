import type { Logger } from '@albumboard/observability';
import type { RedisConnection } from '@albumboard/redis-connection';

/** `used_memory` at or above this share of `maxmemory` is memory pressure (the status is degraded). */
export const MEMORY_PRESSURE_RATIO = 0.9;

/** Redis' memory as `INFO memory` reports it. */
export interface RedisMemory {
  usedBytes: number;
  /** `maxmemory`; null when the server has none (0: no limit). */
  maxmemoryBytes: number | null;
  /** usedBytes / maxmemoryBytes, or null without a limit. */
  usedRatio: number | null;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Parses the `used_memory` and `maxmemory` lines of an `INFO memory` reply. */
export function parseRedisMemory(info: string): RedisMemory {
  const field = (name: string): number => Number(new RegExp(`^${name}:(\\d+)\\s*$`, 'm').exec(info)?.[1] ?? 0);
  const usedBytes = field('used_memory');
  const max = field('maxmemory');
  return { usedBytes, maxmemoryBytes: max > 0 ? max : null, usedRatio: max > 0 ? usedBytes / max : null };
}

/** The problem line under memory pressure, naming the fixes; null below MEMORY_PRESSURE_RATIO (or without a limit). */
export function memoryPressureProblem(memory: RedisMemory): string | null {
  if (memory.usedRatio === null || memory.maxmemoryBytes === null || memory.usedRatio < MEMORY_PRESSURE_RATIO) return null;
  return (
    `Redis memory at ${Math.round(memory.usedRatio * 100)} % of maxmemory (${mb(memory.usedBytes)} of ${mb(memory.maxmemoryBytes)}): ` +
    'raise maxmemory (a larger plan), lower SEARCH_CACHE_MAX_MB, or give the search cache a Redis of its own with CACHE_REDIS_URL'
  );
}

/**
 * Reads Redis' memory for /readyz, /api/v1/status and /metrics, and logs when memory pressure begins (a warning with
 * the problem line, which names the fixes) and when it ends — once per change, however often it is read.
 */
export class RedisMemoryWatch {
  private underPressure = false;

  constructor(
    private readonly redis: RedisConnection,
    private readonly logger: Logger,
  ) {}

  async read(): Promise<RedisMemory> {
    const memory = parseRedisMemory(await this.redis.info('memory'));
    const problem = memoryPressureProblem(memory);
    if (problem && !this.underPressure) this.logger.warn({ usedBytes: memory.usedBytes, maxmemoryBytes: memory.maxmemoryBytes }, problem);
    if (!problem && this.underPressure) this.logger.info({ usedBytes: memory.usedBytes, maxmemoryBytes: memory.maxmemoryBytes }, 'Redis memory back below 90 % of maxmemory');
    this.underPressure = problem !== null;
    return memory;
  }
}
