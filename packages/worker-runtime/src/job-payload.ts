import { jobCatalog, type JobName, type JobPayload } from '@albumboard/queue-contracts';
import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/** One line naming each problem of a zod error, e.g. `args.query: must not be empty; deadline: expected number`. */
export function summarizeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`).join('; ');
}

/**
 * Parses `data` with the contract of job `name`. A payload that does not match is an `UnrecoverableError`:
 * BullMQ fails the job at once, without retries, and the job is never executed.
 */
export function parseJobData<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const parsed = jobCatalog[name].payload.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${name}: ${summarizeIssues(parsed.error)}`);
  return parsed.data as JobPayload<N>;
}
