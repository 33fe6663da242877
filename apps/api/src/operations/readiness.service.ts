import type { QueueName } from '@albumboard/queue-contracts';
import { type RedisConnection, withTimeout } from '@albumboard/redis-connection';
import { QUEUE_APPS, type OpsQueues } from './ops-queues';
import { memoryPressureProblem, type RedisMemoryWatch } from './redis-memory';

/**
 * One readiness condition: `check()` resolves when it holds and throws (with a reason) when not. A `degradesOnly`
 * check that fails leaves the api ready (200) but `degraded`: it names a problem every pod shares (Redis' memory),
 * where taking the pods out of the load balancer would turn a warning into an outage.
 */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
  degradesOnly?: boolean;
}

export interface CheckOutcome {
  check: string;
  ok: boolean;
  reason?: string;
  /** The check failed but only degrades (see ReadinessCheck). */
  degradesOnly?: boolean;
}

export interface ReadinessReport {
  ready: boolean;
  /** Ready, but a `degradesOnly` check failed. */
  degraded: boolean;
  checks: CheckOutcome[];
}

/** Redis answers PING. */
export function redisCheck(redis: RedisConnection): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      await redis.ping();
    },
  };
}

/** At least one worker is connected to `queue`. */
export function workerCheck(queues: OpsQueues, queue: QueueName): ReadinessCheck {
  return {
    name: `workers:${queue}`,
    check: async () => {
      const count = await queues.get(queue).getWorkersCount();
      if (count < 1) throw new Error(`no worker listening on queue ${queue} (${QUEUE_APPS[queue]})`);
    },
  };
}

/**
 * Redis' `used_memory` below 90 % of its `maxmemory` (always true without a limit). Degrades only: under pressure the
 * api still answers reads, cached searches and ratings (a full `noeviction` Redis refuses writes, not reads, and the
 * search cache gives its space back), and every api pod shares the one Redis — a 503 would take them all out of the
 * Service at once.
 */
export function redisMemoryCheck(memory: RedisMemoryWatch): ReadinessCheck {
  return {
    name: 'redis-memory',
    degradesOnly: true,
    check: async () => {
      const problem = memoryPressureProblem(await memory.read());
      if (problem) throw new Error(problem);
    },
  };
}

/** A database that answers a trivial query (the rating store's `ping`). */
export function databaseCheck(ping: () => Promise<unknown>): ReadinessCheck {
  return {
    name: 'database',
    check: async () => {
      await ping();
    },
  };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 300);
}

/** Runs every check at once, each bounded by `timeoutMs`; ready only when all of them pass. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<ReadinessReport> {
  const outcomes = await Promise.all(
    checks.map(async ({ name, check, degradesOnly }): Promise<CheckOutcome> => {
      try {
        await withTimeout(check(), timeoutMs, `no answer within ${timeoutMs} ms`);
        return { check: name, ok: true };
      } catch (error) {
        return { check: name, ok: false, reason: reasonOf(error), ...(degradesOnly ? { degradesOnly } : {}) };
      }
    }),
  );
  return {
    ready: outcomes.every((outcome) => outcome.ok || outcome.degradesOnly),
    degraded: outcomes.some((outcome) => !outcome.ok && outcome.degradesOnly),
    checks: outcomes,
  };
}
