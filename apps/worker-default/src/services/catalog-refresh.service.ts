import type { Logger } from '@albumboard/observability';
import { SpotifyPriority, type JobResult } from '@albumboard/queue-contracts';
import { SpotifyBadRequestError, SpotifyNotFoundError, type SpotifyCaller } from '@albumboard/spotify-client';
import { UnrecoverableError } from 'bullmq';
import type { CatalogUpsertService, JobContext } from './catalog-upsert.service';

/** Refreshes one catalogue entry from Spotify, through the spotify queue at background priority. */
export class CatalogRefreshService {
  constructor(
    private readonly spotify: SpotifyCaller,
    private readonly catalog: CatalogUpsertService,
    private readonly logger: Logger,
  ) {}

  /**
   * `getAlbum` at SpotifyPriority.Background (interactive API calls go first), then upsert. An album Spotify no
   * longer has → `{ refreshed: false }`; a refused request → not retried; anything else (cool-down, worker timeout,
   * upstream trouble) throws and BullMQ retries with the catalog's backoff.
   */
  async refresh(albumId: string, context: JobContext = {}): Promise<JobResult<'catalog.refresh-album'>> {
    try {
      const album = await this.spotify.call('getAlbum', { id: albumId }, { priority: SpotifyPriority.Background, requestId: context.requestId });
      const { upserted } = await this.catalog.upsertAlbums([album], context);
      return { refreshed: upserted > 0 };
    } catch (error) {
      if (error instanceof SpotifyNotFoundError) {
        this.logger.info({ ...context, albumId }, 'album not found on Spotify; catalogue entry left as is');
        return { refreshed: false };
      }
      if (error instanceof SpotifyBadRequestError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
