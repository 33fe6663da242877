import type { JobHandler } from '@albumboard/worker-runtime';
import type { CatalogRefreshService } from '../services/catalog-refresh.service';

/** `catalog.refresh-album` {albumId}: the runtime checked the payload; the service refreshes the entry. */
export function catalogRefreshAlbumProcessor(service: CatalogRefreshService): JobHandler<'catalog.refresh-album'> {
  return (payload, job) => service.refresh(payload.albumId, { jobId: job.id, requestId: payload.requestId });
}
