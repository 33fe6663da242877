import type { Queue } from 'bullmq';

/** The waiting, delayed, prioritized and active jobs, except the schedulers' next runs (`repeat:` ids). */
export async function pendingOnDemandJobs(queue: Queue): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
  return jobs.map((job) => String(job.id)).filter((id) => !id.startsWith('repeat:'));
}

/** True when no on-demand job is waiting, delayed or running. */
export async function isDrained(queue: Queue): Promise<boolean> {
  return (await pendingOnDemandJobs(queue)).length === 0;
}
