import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@albumboard/observability';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function uniquePrefix(label: string): string {
  return `test-wd-${label}-${process.pid}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function workerConnection(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: null });
}

export async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
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
  return { logger: createLogger({ name: 'worker-default-test', level: 'info', destination: stream }), lines };
}

// node-postgres through the rating store's own dependency (this app does not depend on pg itself).
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
const requireFromStore = createRequire(require.resolve('@albumboard/rating-store'));
const { Client } = requireFromStore('pg') as { Client: new (options: { connectionString: string }) => PgClient };

async function onServer(sql: string, connectionString = BASE_DATABASE_URL): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named database on the test server (DATABASE_URL); `exec` runs SQL on it, `drop()` removes it. */
export async function createTestDatabase(label: string): Promise<{ url: string; exec(sql: string): Promise<void>; drop(): Promise<void> }> {
  const name = `wd_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    exec: (sql: string) => onServer(sql, url.toString()),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}

/** Polls `check` every 20 ms until it returns true. */
export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Finished {
  state: string;
  returnvalue: unknown;
  failedReason?: string;
  attemptsMade: number;
}

/** Polls until job `id` of `queue` is completed or failed. */
export async function waitForFinished(queue: Queue, id: string, timeoutMs = 30_000): Promise<Finished> {
  let state = 'missing';
  await waitUntil(async () => {
    state = await queue.getJobState(id);
    return state === 'completed' || state === 'failed';
  }, `job ${id} to finish`, timeoutMs);
  const job = (await queue.getJob(id))!;
  return { state, returnvalue: job.returnvalue, failedReason: job.failedReason, attemptsMade: job.attemptsMade };
}
