import type { Logger } from '@albumboard/observability';
import { jobCatalog, QueueName, type AlbumSummary } from '@albumboard/queue-contracts';
import { BackgroundQueue, type BackgroundQueueOptions } from './background-queue';

export type CatalogProducerOptions = Omit<BackgroundQueueOptions, 'queue' | 'logger'> & { logger: Logger };

/** Hands albums seen in fresh search answers to worker-default (`catalog.upsert-albums` on queue `default`). */
export class CatalogProducer {
  private readonly queue: BackgroundQueue;

  constructor(options: CatalogProducerOptions) {
    const logger = options.logger.child({ component: 'catalog-producer', queue: QueueName.Default });
    this.queue = new BackgroundQueue({ ...options, queue: QueueName.Default, logger });
  }

  /** Enqueues the albums (at most 100 per job); failures are logged, never thrown. */
  async upsertAlbums(albums: AlbumSummary[], requestId?: string): Promise<void> {
    if (albums.length === 0) return;
    const payload = { albums: albums.slice(0, 100), ...(requestId ? { requestId } : {}) };
    const options = { ...jobCatalog['catalog.upsert-albums'].options };
    await this.queue.add('catalog.upsert-albums', payload, options, 'could not enqueue catalog.upsert-albums', { albums: albums.length, requestId });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
