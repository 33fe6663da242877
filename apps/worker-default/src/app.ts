import type { Logger } from '@albumboard/observability';
import { QueueName } from '@albumboard/queue-contracts';
import type { RatingStore } from '@albumboard/rating-store';
import type { SpotifyCaller } from '@albumboard/spotify-client';
import { createQueueWorker, workerIdentity, type RunningQueueWorker } from '@albumboard/worker-runtime';
import type { Worker } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import type { DefaultWorkerConfig } from './config';
import { catalogRefreshAlbumProcessor } from './processors/catalog-refresh-album.processor';
import { catalogUpsertAlbumsProcessor } from './processors/catalog-upsert-albums.processor';
import { CatalogRefreshService } from './services/catalog-refresh.service';
import { CatalogUpsertService } from './services/catalog-upsert.service';

export interface DefaultWorkerDeps {
  config: Pick<DefaultWorkerConfig, 'queuePrefix' | 'concurrency'>;
  /** A worker connection (`maxRetriesPerRequest: null`); not closed by `close()`. */
  connection: RedisConnection;
  logger: Logger;
  /** Owned by the process: not closed by `close()`. */
  ratingStore: Pick<RatingStore, 'upsertAlbums'>;
  /** Calls Spotify through worker-spotify (SpotifyWorkerProxy); owned by the process. */
  spotify: SpotifyCaller;
  workerId?: string;
}

export interface DefaultWorker extends RunningQueueWorker {
  worker: Worker;
  close(): Promise<void>;
}

/** Starts worker-default's consumer of the `default` queue: catalogue upserts and refreshes. */
export function createDefaultWorker(deps: DefaultWorkerDeps): DefaultWorker {
  const logger = deps.logger.child({ component: 'default-worker', queue: QueueName.Default });
  const catalog = new CatalogUpsertService(deps.ratingStore, logger);
  const refresh = new CatalogRefreshService(deps.spotify, catalog, logger);
  const worker = createQueueWorker({
    queue: QueueName.Default,
    connection: deps.connection,
    prefix: deps.config.queuePrefix,
    workerId: deps.workerId ?? workerIdentity('worker-default'),
    logger,
    handlers: {
      'catalog.upsert-albums': catalogUpsertAlbumsProcessor(catalog),
      'catalog.refresh-album': catalogRefreshAlbumProcessor(refresh),
    },
    options: { concurrency: deps.config.concurrency },
  });
  return { worker, close: () => worker.close() };
}
