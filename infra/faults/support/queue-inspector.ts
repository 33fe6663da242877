import type { RedisServer } from './redis-server';

export type QueueCounts = { wait: number; active: number; prioritized: number; delayed: number; completed: number; failed: number };

/** BullMQ's state of a queue, read with redis-cli (the suite loads no Redis client of its own). */
export class QueueInspector {
  constructor(private readonly redis: RedisServer, private readonly prefix: string) {}

  key(queue: string, part: string): string {
    return `${this.prefix}:${queue}:${part}`;
  }

  async counts(queue: string): Promise<QueueCounts> {
    const n = async (command: string, part: string) => Number(await this.redis.cli(command, this.key(queue, part)));
    return {
      wait: await n('LLEN', 'wait'),
      active: await n('LLEN', 'active'),
      prioritized: await n('ZCARD', 'prioritized'),
      delayed: await n('ZCARD', 'delayed'),
      completed: await n('ZCARD', 'completed'),
      failed: await n('ZCARD', 'failed'),
    };
  }

  activeIds(queue: string): Promise<string[]> {
    return this.redis.lines('LRANGE', this.key(queue, 'active'), '0', '-1');
  }

  /** Ids of the jobs waiting, prioritized or delayed in `queue` (not started yet). */
  async pendingIds(queue: string): Promise<string[]> {
    return [
      ...(await this.redis.lines('LRANGE', this.key(queue, 'wait'), '0', '-1')),
      ...(await this.redis.lines('ZRANGE', this.key(queue, 'prioritized'), '0', '-1')),
      ...(await this.redis.lines('ZRANGE', this.key(queue, 'delayed'), '0', '-1')),
    ];
  }

  async isCompleted(queue: string, id: string): Promise<boolean> {
    return (await this.redis.cli('ZSCORE', this.key(queue, 'completed'), id)) !== '';
  }

  /** True for jobs made by a job scheduler (the periodic recompute, the catalogue refresh), which wait for their next period. */
  async isScheduled(queue: string, id: string): Promise<boolean> {
    return (await this.redis.cli('HGET', this.key(queue, id), 'rjk')) !== '' || id.startsWith('repeat:');
  }
}
