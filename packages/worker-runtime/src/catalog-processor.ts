import type { Logger } from '@albumboard/observability';
import {
  isJobName,
  jobCatalog,
  systemPingPayloadSchema,
  type JobName,
  type JobNameOf,
  type JobPayload,
  type JobResult,
  type QueueName,
  type SystemPingResult,
} from '@albumboard/queue-contracts';
import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import { parseJobData, summarizeIssues } from './job-payload';

/** The job names of queue `Q` that an app handles itself (`<queue>.ping` is answered by the runtime). */
export type HandledJobName<Q extends QueueName> = Exclude<JobNameOf<Q>, `${Q}.ping`>;

/** Handles one job whose payload already passed its contract; returns the job's result. Keep it one call to a service. */
export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: Job) => Promise<JobResult<N>>;

/** One handler per job name of queue `Q`, typed by the job catalog: a handler cannot disagree with its producer. */
export type JobHandlers<Q extends QueueName> = { [N in HandledJobName<Q>]: JobHandler<N> };

export interface CatalogProcessorOptions<Q extends QueueName> {
  queue: Q;
  handlers: JobHandlers<Q>;
  /** `<name>@<hostname>:<pid>`, returned by ping jobs. */
  workerId: string;
  logger: Logger;
}

function answerPing(queue: QueueName, workerId: string, job: Job): SystemPingResult {
  const parsed = systemPingPayloadSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${job.name}: ${summarizeIssues(parsed.error)}`);
  return { pong: true, queue, worker: workerId, receivedAt: Date.now() };
}

/**
 * A BullMQ processor for queue `Q`: answers `<queue>.ping`, refuses (UnrecoverableError, never executed) a job
 * name outside the queue's catalog or a payload that fails its contract, and otherwise calls the typed handler.
 */
export function createCatalogProcessor<Q extends QueueName>(options: CatalogProcessorOptions<Q>): Processor {
  const { queue, workerId, logger } = options;
  const handlers = options.handlers as Record<string, JobHandler<JobName> | undefined>;
  return async (job: Job) => {
    if (job.name === `${queue}.ping`) return answerPing(queue, workerId, job);
    const handler = isJobName(job.name) && jobCatalog[job.name].queue === queue ? handlers[job.name] : undefined;
    if (!handler) {
      logger.warn({ jobId: job.id, jobName: job.name, queue }, 'Refusing a job whose name is not in the queue catalog');
      throw new UnrecoverableError(`Unknown job "${job.name}" on queue "${queue}"`);
    }
    const name = job.name as JobName;
    let payload: JobPayload<JobName>;
    try {
      payload = parseJobData(name, job.data);
    } catch (error) {
      logger.warn({ jobId: job.id, jobName: name, queue, err: (error as Error).message }, 'Refusing a job whose payload fails its contract');
      throw error;
    }
    const result = await handler(payload, job);
    return jobCatalog[name].result.parse(result);
  };
}
