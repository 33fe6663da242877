import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@albumboard/observability';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `test-wr-${label}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function workerConnection(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: null });
}

/** A logger whose JSON lines are collected in `lines`. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger({ name: 'test', level: 'debug', destination: stream }), lines };
}

/** Deletes every key under `prefix`. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Polls until job `id` of `queue` is completed or failed; returns its final state, result and failure reason. */
export async function waitForFinished(
  queue: import('bullmq').Queue,
  id: string,
  timeoutMs = 15_000,
): Promise<{ state: string; returnvalue: unknown; failedReason?: string; attemptsMade: number }> {
  const started = Date.now();
  for (;;) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : 'missing';
    if (job && (state === 'completed' || state === 'failed')) {
      const final = (await queue.getJob(id))!; // read again: the first read may predate the state change
      return { state, returnvalue: final.returnvalue, failedReason: final.failedReason, attemptsMade: final.attemptsMade };
    }
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
