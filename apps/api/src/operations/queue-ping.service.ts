import { setTimeout as sleep } from 'node:timers/promises';
import { jobCatalog, systemPingResultSchema, type QueueName } from '@albumboard/queue-contracts';
import type { Queue } from 'bullmq';

export type PingOutcome = { ok: true; roundTripMs: number; worker: string } | { ok: false; reason: string };

/**
 * Sends one `<queue>.ping` job through `queue` and waits (polling every 20 ms) for a worker to answer it. A ping not
 * answered within `timeoutMs` is removed again, so a dead queue does not collect probes.
 */
export async function pingQueue(queue: Queue, timeoutMs: number, requestId?: string): Promise<PingOutcome> {
  const name = `${queue.name}.ping` as `${QueueName}.ping`;
  const started = performance.now();
  const job = await queue.add(name, { sentAt: Date.now(), ...(requestId ? { requestId } : {}) }, jobCatalog[name].options);
  while (performance.now() - started < timeoutMs) {
    const state = await queue.getJobState(job.id!);
    if (state === 'completed' || state === 'failed') {
      const current = await queue.getJob(job.id!); // read after the state: an earlier read may predate the result
      if (state === 'failed') return { ok: false, reason: `the ping on queue ${queue.name} failed: ${current?.failedReason ?? 'unknown'}` };
      const answer = systemPingResultSchema.safeParse(current?.returnvalue);
      if (!answer.success) return { ok: false, reason: `the ping on queue ${queue.name} came back malformed` };
      return { ok: true, roundTripMs: performance.now() - started, worker: answer.data.worker };
    }
    await sleep(20);
  }
  await job.remove().catch(() => undefined);
  return { ok: false, reason: `the ping on queue ${queue.name} was not answered within ${timeoutMs} ms` };
}
