import type { QueueName } from '@albumboard/queue-contracts';
import { EXPECTED_WORKERS, QUEUE_APPS, type OpsQueues } from './ops-queues';

export interface QueueCounts {
  /** Jobs waiting for a worker, prioritized ones included (searches run at a priority). */
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface QueueOverview {
  queue: QueueName;
  /** The app that should consume it. */
  app: string;
  /** Workers connected to the queue now (BullMQ's named connections, from CLIENT LIST). */
  workers: number;
  expectedWorkers: { min: number; max?: number };
  /** `no_worker` (nothing consumes the queue) or `too_many_workers` (worker-spotify must run once); null when fine. */
  problem: 'no_worker' | 'too_many_workers' | null;
  counts: QueueCounts;
}

/** One line per queue problem, as `pnpm check` and the status page print it. */
export function describeProblem(overview: Pick<QueueOverview, 'queue' | 'app' | 'workers' | 'problem'>): string | null {
  if (overview.problem === 'no_worker') return `${overview.app}: no worker listening on queue ${overview.queue}`;
  if (overview.problem === 'too_many_workers') return `${overview.app}: ${overview.workers} workers listening on queue ${overview.queue}; run exactly 1`;
  return null;
}

/** Workers and job counts of one queue. */
export async function queueOverview(queues: OpsQueues, name: QueueName): Promise<QueueOverview> {
  const queue = queues.get(name);
  const [workers, counts] = await Promise.all([
    queue.getWorkersCount(),
    queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
  ]);
  const expected = EXPECTED_WORKERS[name];
  const problem = workers < expected.min ? 'no_worker' : expected.max !== undefined && workers > expected.max ? 'too_many_workers' : null;
  return {
    queue: name,
    app: QUEUE_APPS[name],
    workers,
    expectedWorkers: expected,
    problem,
    counts: {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    },
  };
}

/** Every queue's overview. */
export function queueOverviews(queues: OpsQueues): Promise<QueueOverview[]> {
  return Promise.all(queues.names.map((name) => queueOverview(queues, name)));
}
