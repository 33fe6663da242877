import type { JobHandler } from '@albumboard/worker-runtime';
import type { CatalogUpsertService } from '../services/catalog-upsert.service';

/** `catalog.upsert-albums` {albums}: the runtime checked the payload; the service stores them. */
export function catalogUpsertAlbumsProcessor(service: CatalogUpsertService): JobHandler<'catalog.upsert-albums'> {
  return (payload, job) => service.upsertAlbums(payload.albums, { jobId: job.id, requestId: payload.requestId });
}
