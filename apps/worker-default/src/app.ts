import type { Logger } from '@albumboard/observability';
import { CATALOG_REFRESH_SCHEDULER_ID, QueueName } from '@albumboard/queue-contracts';
import type { RatingStore } from '@albumboard/rating-store';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import { createQueue, createQueueWorker, SchedulerKeeper, schedulersPending, searchCacheRelief, workerIdentity, type RunningQueueWorker } from '@albumboard/worker-runtime';
import type { RedisConnection } from '@albumboard/redis-connection';
import type { Queue, Worker } from 'bullmq';
import { registerCatalogRefreshScheduler } from './catalog-refresh-schedule';
import type { DefaultWorkerConfig } from './config';
import { catalogRefreshAlbumProcessor } from './processors/catalog-refresh-album.processor';
import { catalogRefreshStaleProcessor } from './processors/catalog-refresh-stale.processor';
import { catalogUpsertAlbumsProcessor } from './processors/catalog-upsert-albums.processor';
import { CatalogRefreshProducer } from './services/catalog-refresh-producer.service';
import { CatalogRefreshService } from './services/catalog-refresh.service';
import { CatalogUpsertService } from './services/catalog-upsert.service';

export interface DefaultWorkerDeps {
  config: Pick<DefaultWorkerConfig, 'queuePrefix' | 'concurrency' | 'catalogRefresh'>;
  /** A worker connection (`maxRetriesPerRequest: null`); not closed by `close()`. */
  connection: RedisConnection;
  logger: Logger;
  /** Owned by the process: not closed by `close()`. */
  ratingStore: Pick<RatingStore, 'upsertAlbums' | 'listStaleAlbums'>;
  /** Calls Spotify through worker-spotify (SpotifyWorkerProxy); owned by the process. */
  spotify: SpotifyCaller;
  workerId?: string;
}

export interface DefaultWorker extends RunningQueueWorker {
  worker: Worker;
  /** The default queue as a producer (the refreshes this worker enqueues). */
  queue: Queue;
  close(): Promise<void>;
}

/**
 * Starts worker-default's consumer of the `default` queue (catalogue upserts, refreshes, and the scheduled
 * `catalog.refresh-stale` that enqueues the refreshes) and registers that scheduler.
 */
export async function createDefaultWorker(deps: DefaultWorkerDeps): Promise<DefaultWorker> {
  const logger = deps.logger.child({ component: 'default-worker', queue: QueueName.Default });
  const queue = createQueue(QueueName.Default, { connection: deps.connection, prefix: deps.config.queuePrefix, logger });
  const catalog = new CatalogUpsertService(deps.ratingStore, logger);
  const refresh = new CatalogRefreshService(deps.spotify, catalog, logger);
  const producer = new CatalogRefreshProducer(deps.ratingStore, queue, logger);
  const worker = createQueueWorker({
    queue: QueueName.Default,
    connection: deps.connection,
    prefix: deps.config.queuePrefix,
    workerId: deps.workerId ?? workerIdentity('worker-default'),
    logger,
    handlers: {
      'catalog.upsert-albums': catalogUpsertAlbumsProcessor(catalog),
      'catalog.refresh-album': catalogRefreshAlbumProcessor(refresh),
      'catalog.refresh-stale': catalogRefreshStaleProcessor(producer),
    },
    options: { concurrency: deps.config.concurrency },
  });
  // Registered now and kept: re-registered as soon as Redis takes writes again after a lost next iteration.
  await new SchedulerKeeper({
    worker,
    register: () => registerCatalogRefreshScheduler(queue, deps.config.catalogRefresh),
    pending: async () => deps.config.catalogRefresh.everyMs === 0 || schedulersPending(queue, [CATALOG_REFRESH_SCHEDULER_ID]),
    what: 'catalog refresh scheduler',
    logger,
    relieve: searchCacheRelief(deps.connection, deps.config.queuePrefix, logger),
  }).start();
  const close = (): Promise<void> => worker.close().then(() => queue.close());
  return { worker, queue, close };
}
