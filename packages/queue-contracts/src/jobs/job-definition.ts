import type { z } from 'zod';
import type { QueueName } from '../queue-names';

/** Default BullMQ options for a job; structurally compatible with BullMQ's `JobsOptions`. */
export interface DefaultJobOptions {
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number; jitter?: number };
  /** Keep completed jobs for `age` seconds and at most `count` of them; `true` removes the job as it completes. */
  removeOnComplete?: true | { age: number; count?: number };
  removeOnFail?: { age: number; count?: number };
  priority?: number;
}

/** One entry of the job catalog: the queue a job runs on, its payload and result schemas, its default options. */
export interface JobDefinition<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  queue: QueueName;
  payload: P;
  result: R;
  options: DefaultJobOptions;
  /** One line for docs and dashboards. */
  description: string;
}
