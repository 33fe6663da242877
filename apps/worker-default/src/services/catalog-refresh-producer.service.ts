import type { Logger } from '@albumboard/observability';
import { catalogRefreshAlbumJobOptions, jobCatalog, parseJobPayload, type JobResult } from '@albumboard/queue-contracts';
import type { RatingStore } from '@albumboard/rating-store';
import type { Queue } from 'bullmq';
import type { JobContext } from './catalog-upsert.service';

const DAY_S = 24 * 3600;

/**
 * The producer of `catalog.refresh-album`: lists the oldest catalogue entries refreshed more than `olderThanDays`
 * ago and enqueues one refresh each, deduplicated per album (an album already waiting is not enqueued again). The
 * refreshes' Spotify calls run at background priority, so the budget gate gives them only spare budget.
 */
export class CatalogRefreshProducer {
  constructor(
    private readonly store: Pick<RatingStore, 'listStaleAlbums'>,
    private readonly queue: Queue,
    private readonly logger: Logger,
  ) {}

  async enqueueStale(olderThanDays: number, limit: number, context: JobContext = {}): Promise<JobResult<'catalog.refresh-stale'>> {
    const stale = await this.store.listStaleAlbums(olderThanDays * DAY_S, limit);
    for (const album of stale) {
      const payload = parseJobPayload('catalog.refresh-album', { albumId: album.id });
      await this.queue.add('catalog.refresh-album', payload, { ...jobCatalog['catalog.refresh-album'].options, ...catalogRefreshAlbumJobOptions(album.id) });
    }
    if (stale.length > 0) this.logger.info({ ...context, stale: stale.length, olderThanDays }, 'catalogue refreshes enqueued');
    return { stale: stale.length };
  }
}
