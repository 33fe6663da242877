import { CATALOG_REFRESH_SCHEDULER_ID, jobCatalog, parseJobPayload } from '@albumboard/queue-contracts';
import type { Queue } from 'bullmq';

export interface CatalogRefreshSchedule {
  /** Period of `catalog.refresh-stale`; 0 removes the scheduler (no background refreshes). */
  everyMs: number;
  olderThanDays: number;
  batch: number;
}

/**
 * Registers (or updates: upsert is idempotent, every worker-default may call it at start-up) the job scheduler
 * `catalog.refresh-stale`, or removes it when `everyMs` is 0.
 */
export async function registerCatalogRefreshScheduler(queue: Queue, schedule: CatalogRefreshSchedule): Promise<void> {
  if (schedule.everyMs === 0) {
    await queue.removeJobScheduler(CATALOG_REFRESH_SCHEDULER_ID);
    return;
  }
  const data = parseJobPayload('catalog.refresh-stale', { olderThanDays: schedule.olderThanDays, limit: schedule.batch });
  const { attempts, removeOnComplete, removeOnFail } = jobCatalog['catalog.refresh-stale'].options;
  await queue.upsertJobScheduler(
    CATALOG_REFRESH_SCHEDULER_ID,
    { every: schedule.everyMs },
    { name: 'catalog.refresh-stale', data, opts: { attempts, removeOnComplete, removeOnFail } },
  );
}
