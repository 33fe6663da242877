import { Writable } from 'node:stream';
import { createLogger, silentLogger, type Logger } from '@albumboard/observability';
import type { JobPayloadInput } from '@albumboard/queue-contracts';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig, type SpotifyWorkerConfig } from '../src/config';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function uniquePrefix(label: string): string {
  return `test-ws-${label}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function workerConnection(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: null });
}

/** worker-spotify's config pointed at an emulator, with test-sized limits. */
export function testConfig(emulatorUrl: string, prefix: string, env: Record<string, string> = {}): SpotifyWorkerConfig {
  return loadConfig({
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SPOTIFY_API_URL: `${emulatorUrl}/v1`,
    SPOTIFY_ACCOUNTS_URL: emulatorUrl,
    ...env,
  });
}

/** A logger whose JSON lines are collected in `lines` (or a silent one). */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger({ name: 'worker-spotify-test', level: 'info', destination: stream }), lines };
}
export { silentLogger };

export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export function callPayload(method: string, args: Record<string, unknown>, deadlineInMs = 20_000): JobPayloadInput<'spotify.call'> {
  return { method, args, deadline: Date.now() + deadlineInMs } as JobPayloadInput<'spotify.call'>;
}

export interface Finished {
  id: string;
  state: string;
  returnvalue: unknown;
  failedReason?: string;
  attemptsMade: number;
  processedBy?: string;
}

/** Polls until job `id` is completed or failed. */
export async function waitForFinished(queue: Queue, id: string, timeoutMs = 60_000): Promise<Finished> {
  const started = Date.now();
  for (;;) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : 'missing';
    if (state === 'completed' || state === 'failed') {
      const final = (await queue.getJob(id))!;
      return { id, state, returnvalue: final.returnvalue, failedReason: final.failedReason, attemptsMade: final.attemptsMade, processedBy: final.processedBy };
    }
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function waitForAll(queue: Queue, ids: string[], timeoutMs = 60_000): Promise<Finished[]> {
  return Promise.all(ids.map((id) => waitForFinished(queue, id, timeoutMs)));
}

/** Polls `check` every 20 ms until it returns true. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
