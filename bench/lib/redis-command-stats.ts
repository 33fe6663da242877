/**
 * Redis commands per request from `INFO commandstats` deltas. Redis 7.0 has no per-client command count, so the delta
 * is server-wide: anything else using this Redis at the same time is counted too (the bench prints the idle rate it
 * measured just before, so such noise shows).
 */
import type { Redis } from 'ioredis';

export type CommandCounts = Record<string, number>;

export async function commandStats(redis: Redis): Promise<CommandCounts> {
  const info = await redis.info('commandstats');
  const counts: CommandCounts = {};
  for (const line of info.split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (match) counts[match[1]] = Number(match[2]);
  }
  return counts;
}

/** after − before, without the INFO calls the measurement itself made, zero entries dropped. */
export function commandDelta(before: CommandCounts, after: CommandCounts): CommandCounts {
  const delta: CommandCounts = {};
  for (const [name, calls] of Object.entries(after)) {
    let d = calls - (before[name] ?? 0);
    if (name === 'info') d -= 1;
    if (d > 0) delta[name] = d;
  }
  return delta;
}

/** `12.0 per request (evalsha 6.0, get 1.0, …)` */
export function perRequest(delta: CommandCounts, requests: number): string {
  const total = Object.values(delta).reduce((a, b) => a + b, 0);
  const parts = Object.entries(delta)
    .sort((a, b) => b[1] - a[1])
    .map(([name, calls]) => `${name} ${(calls / requests).toFixed(2)}`);
  return `${(total / requests).toFixed(2)} per request (${parts.join(', ') || 'none'})`;
}
