/**
 * `pnpm bench:job-counters`: what counting completed and failed jobs costs Redis, two ways. On a private
 * redis-server (so `INFO commandstats` sees nothing else), the same jobs run through a plain BullMQ Worker, one created
 * with BullMQ's `metrics` option, and one with albumboard's recorder (`recordQueueJobs`: queue wait and outcomes,
 * buffered and written once a second). Prints Redis commands per job (inner Lua commands included: commandstats counts
 * them) and the bytes each way keeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@albumboard/observability';
import { recordQueueJobs } from '@albumboard/worker-runtime';
import { MetricsTime, Queue, Worker, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { commandDelta, commandStats, perRequest } from './lib/redis-command-stats';

const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const FAIL_EVERY = 10;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  probe.disconnect();
  return child;
}

interface Variant {
  label: string;
  options: Partial<WorkerOptions>;
  recorder: boolean;
}

async function run(port: number, variant: Variant, prefix: string): Promise<void> {
  const admin = new Redis({ port });
  const connection = new Redis({ port, maxRetriesPerRequest: null });
  const queue = new Queue('bench', { connection, prefix });
  await queue.addBulk(Array.from({ length: JOBS }, (_, i) => ({ name: 'job', data: { i }, opts: { removeOnComplete: true, removeOnFail: true } })));
  const before = await commandStats(admin);
  let finished = 0;
  const worker = new Worker('bench', async (job) => {
    if ((job.data as { i: number }).i % FAIL_EVERY === 0) throw new Error('fails on purpose');
    return 1;
  }, { connection, prefix, concurrency: 1, autorun: false, ...variant.options });
  const done = new Promise<void>((resolve) => {
    const count = () => (++finished === JOBS ? resolve() : undefined);
    worker.on('completed', count);
    worker.on('failed', count);
  });
  if (variant.recorder) recordQueueJobs(worker, { queue: 'bench', connection, prefix, logger: createLogger({ name: 'bench', level: 'warn' }) });
  void worker.run();
  await done;
  await worker.close();
  const delta = commandDelta(before, await commandStats(admin));
  const keys = await admin.keys(`${prefix}:*`);
  const kept: string[] = [];
  for (const key of keys.filter((k) => /metrics|ops:queue-jobs/.test(k)).sort()) kept.push(`${key.slice(prefix.length + 1)} ${await admin.memory('USAGE', key)} B`);
  console.log(`${variant.label.padEnd(32)} ${perRequest(delta, JOBS).replace('per request', 'per job')}`);
  if (kept.length) console.log(`${''.padEnd(32)} keeps: ${kept.join(', ')}`);
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
  await admin.quit();
}

async function main(): Promise<void> {
  const port = await freePort();
  const redis = await startRedis(port);
  try {
    console.log(`${JOBS} jobs (1 in ${FAIL_EVERY} fails), one worker, concurrency 1, private redis-server on port ${port}\n`);
    const variants: Variant[] = [
      { label: 'plain Worker', options: {}, recorder: false },
      { label: "BullMQ's metrics (1 week)", options: { metrics: { maxDataPoints: MetricsTime.ONE_WEEK } }, recorder: false },
      { label: 'recordQueueJobs (wait+outcome)', options: {}, recorder: true },
    ];
    for (const [i, variant] of variants.entries()) await run(port, variant, `jc${i}`);
    // What BullMQ's per-minute list grows to: one point per minute (zeros included) up to maxDataPoints, per queue and outcome.
    const admin = new Redis({ port });
    await admin.rpush('full-week', ...Array.from({ length: MetricsTime.ONE_WEEK }, () => '0'));
    console.log(`\nBullMQ's data list at maxDataPoints=${MetricsTime.ONE_WEEK} (one week of minutes): ${await admin.memory('USAGE', 'full-week')} B per queue and outcome`);
    await admin.quit();
  } finally {
    redis.kill();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
