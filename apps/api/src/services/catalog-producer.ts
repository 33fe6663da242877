import type { Logger } from '@albumboard/observability';
import { jobCatalog, parseJobPayload, QueueName, type AlbumSummary } from '@albumboard/queue-contracts';
import { Queue } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import { withTimeout } from './with-timeout';
import { queueTelemetry } from '@albumboard/tracing';

export interface CatalogProducerOptions {
  /** The API's fail-fast connection; not closed by the producer. */
  connection: RedisConnection;
  prefix: string;
  logger: Logger;
  /** Upper bound on one enqueue (default 2000 ms). */
  timeoutMs?: number;
}

/** Hands albums seen in fresh search answers to worker-default (`catalog.upsert-albums` on queue `default`). */
export class CatalogProducer {
  private readonly logger: Logger;
  private created: Queue | null = null;

  constructor(private readonly options: CatalogProducerOptions) {
    this.logger = options.logger.child({ component: 'catalog-producer', queue: QueueName.Default });
  }

  /** The BullMQ queue, created on first use (building the app touches no Redis). */
  private get queue(): Queue {
    if (this.created) return this.created;
    const queue = new Queue(QueueName.Default, { connection: this.options.connection, prefix: this.options.prefix, telemetry: queueTelemetry() });
    queue.on('error', (error) => this.logger.warn({ err: error }, 'default queue error'));
    this.created = queue;
    return queue;
  }

  /** Enqueues the albums (at most 100 per job); failures are logged, never thrown. */
  async upsertAlbums(albums: AlbumSummary[], requestId?: string): Promise<void> {
    if (albums.length === 0) return;
    try {
      const payload = parseJobPayload('catalog.upsert-albums', { albums: albums.slice(0, 100), ...(requestId ? { requestId } : {}) });
      const add = this.queue.add('catalog.upsert-albums', payload, { ...jobCatalog['catalog.upsert-albums'].options });
      await withTimeout(add, this.options.timeoutMs ?? 2000, 'enqueueing catalog.upsert-albums timed out');
    } catch (error) {
      this.logger.warn({ err: error, albums: albums.length, requestId }, 'could not enqueue catalog.upsert-albums');
    }
  }

  async close(): Promise<void> {
    await this.created?.close().catch((error: unknown) => this.logger.warn({ err: error }, 'closing the default queue failed'));
  }
}
