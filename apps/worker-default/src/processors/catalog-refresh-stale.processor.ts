import type { JobHandler } from '@albumboard/worker-runtime';
import type { CatalogRefreshProducer } from '../services/catalog-refresh-producer.service';

/** `catalog.refresh-stale` {olderThanDays, limit} (from the job scheduler): enqueue refreshes of the oldest entries. */
export function catalogRefreshStaleProcessor(producer: CatalogRefreshProducer): JobHandler<'catalog.refresh-stale'> {
  return (payload, job) => producer.enqueueStale(payload.olderThanDays, payload.limit, { jobId: job.id });
}
