import type { QueueName } from '@albumboard/queue-contracts';
import { type RedisConnection, withTimeout } from '@albumboard/redis-connection';
import { QUEUE_APPS, type OpsQueues } from './ops-queues';

/** One readiness condition: `check()` resolves when it holds and throws (with a reason) when not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface CheckOutcome {
  check: string;
  ok: boolean;
  reason?: string;
}

export interface ReadinessReport {
  ready: boolean;
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
  return message.split('\n')[0].slice(0, 200);
}

/** Runs every check at once, each bounded by `timeoutMs`; ready only when all of them pass. */
export async function runReadinessChecks(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<ReadinessReport> {
  const outcomes = await Promise.all(
    checks.map(async ({ name, check }): Promise<CheckOutcome> => {
      try {
        await withTimeout(check(), timeoutMs, `no answer within ${timeoutMs} ms`);
        return { check: name, ok: true };
      } catch (error) {
        return { check: name, ok: false, reason: reasonOf(error) };
      }
    }),
  );
  return { ready: outcomes.every((outcome) => outcome.ok), checks: outcomes };
}
