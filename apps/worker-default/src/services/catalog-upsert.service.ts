import type { Logger } from '@albumboard/observability';
import type { CatalogAlbum, JobResult } from '@albumboard/queue-contracts';
import { isRatingStoreError, type RatingStore } from '@albumboard/rating-store';
import { UnrecoverableError } from 'bullmq';
import { partitionStorable } from '../mappers/album-input.mapper';

export interface JobContext {
  jobId?: string;
  requestId?: string;
}

/** Writes albums seen on Spotify into the catalogue. */
export class CatalogUpsertService {
  constructor(
    private readonly store: Pick<RatingStore, 'upsertAlbums'>,
    private readonly logger: Logger,
  ) {}

  /** Albums the store would refuse are skipped (and logged); a store outage throws so BullMQ retries the job. */
  async upsertAlbums(albums: readonly CatalogAlbum[], context: JobContext = {}): Promise<JobResult<'catalog.upsert-albums'>> {
    const { storable, rejectedIds } = partitionStorable(albums);
    if (rejectedIds.length > 0) this.logger.warn({ ...context, rejectedIds }, 'skipping albums the catalogue cannot store');
    if (storable.length === 0) return { upserted: 0 };
    try {
      const upserted = await this.store.upsertAlbums(storable);
      this.logger.info({ ...context, upserted }, 'albums upserted');
      return { upserted };
    } catch (error) {
      // Bad input will not get better on a retry; an unavailable database may.
      if (isRatingStoreError(error) && error.code === 'validation') throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
