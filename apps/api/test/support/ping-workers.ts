import type { QueueName } from '@albumboard/queue-contracts';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_URL } from '@albumboard/test-support';

/**
 * Stand-ins for worker-default and worker-leaderboard in api tests: real BullMQ workers on the real queues that answer
 * `<queue>.ping` as the worker runtime does (the api package does not depend on the worker apps).
 */
export interface PingWorkers {
  close(): Promise<void>;
}

export async function startPingWorkers(prefix: string, queues: readonly QueueName[], redisUrl = REDIS_URL): Promise<PingWorkers> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const workers = queues.map(
    (queue) =>
      new Worker(
        queue,
        async (job) => {
          if (job.name !== `${queue}.ping`) throw new Error(`test ping worker got ${job.name}`);
          return { pong: true, queue, worker: `test-${queue}@test:${process.pid}`, receivedAt: Date.now() };
        },
        { connection, prefix, name: `test-${queue}` },
      ),
  );
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await connection.quit();
    },
  };
}
