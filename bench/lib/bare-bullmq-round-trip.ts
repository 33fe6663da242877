import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * BullMQ's own round trip, as a reference next to the worker path: `add` → a Worker whose processor returns at once →
 * the result read back through QueueEvents (`waitUntilFinished`), on its own queue and connections.
 */
export interface BareBullmqRoundTrip {
  roundTrip(): Promise<unknown>;
  close(): Promise<void>;
}

export async function startBareBullmqRoundTrip(redisUrl: string, prefix: string): Promise<BareBullmqRoundTrip> {
  const connections = [new Redis(redisUrl, { maxRetriesPerRequest: null }), new Redis(redisUrl, { maxRetriesPerRequest: null }), new Redis(redisUrl, { maxRetriesPerRequest: null })];
  const [producer, consumer, listener] = connections;
  const name = 'bare-round-trip';
  const queue = new Queue(name, { connection: producer, prefix });
  const worker = new Worker(name, async () => ({ ok: true }), { connection: consumer, prefix });
  const events = new QueueEvents(name, { connection: listener, prefix });
  await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
  return {
    async roundTrip() {
      const job = await queue.add('rtt', { at: Date.now() }, { removeOnComplete: 100, removeOnFail: 100 });
      return job.waitUntilFinished(events, 10_000);
    },
    async close() {
      await Promise.all([events.close(), worker.close(), queue.close()]);
      await Promise.all(connections.map((c) => c.quit()));
    },
  };
}
