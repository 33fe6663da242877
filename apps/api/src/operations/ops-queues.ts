import type { Logger } from '@albumboard/observability';
import { ALL_QUEUES, QueueName, queueOptionsFor } from '@albumboard/queue-contracts';
import { Queue } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';

/** The app that consumes each queue, as operators name it. */
export const QUEUE_APPS: Readonly<Record<QueueName, string>> = {
  [QueueName.Default]: 'worker-default',
  [QueueName.Spotify]: 'worker-spotify',
  [QueueName.Leaderboard]: 'worker-leaderboard',
};

/** How many workers each queue should have: worker-spotify exactly one, the others at least one. */
export const EXPECTED_WORKERS: Readonly<Record<QueueName, { min: number; max?: number }>> = {
  [QueueName.Default]: { min: 1 },
  [QueueName.Spotify]: { min: 1, max: 1 },
  [QueueName.Leaderboard]: { min: 1 },
};

/**
 * BullMQ `Queue` handles on the three queues, for reading counts and workers and for the dashboard. They are made on
 * first use (building a Queue touches Redis) and share the api's connection, which they never close; `close()` only
 * detaches them.
 */
export class OpsQueues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  get names(): readonly QueueName[] {
    return ALL_QUEUES;
  }

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { ...queueOptionsFor(name), connection: this.redis, prefix: this.prefix });
      queue.on('error', (error) => this.logger.warn({ err: error, queue: name }, 'operations queue handle error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return ALL_QUEUES.map((name) => this.get(name));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    this.queues.clear();
  }
}
