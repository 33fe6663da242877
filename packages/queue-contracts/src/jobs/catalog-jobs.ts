import { z } from 'zod';
import { SpotifyPriority } from '../spotify/spotify-call.job';
import { albumSummarySchema, spotifyIdSchema } from '../spotify/spotify-models';

/**
 * An album as the catalogue stores it (rating-store's catalogue fields): a search answer's album without what the
 * catalogue does not keep (`releaseDatePrecision`). Parsing an AlbumSummary with it drops the rest, so a job carries
 * no more than worker-default needs.
 */
export const catalogAlbumSchema = albumSummarySchema.omit({ releaseDatePrecision: true });
export type CatalogAlbum = z.infer<typeof catalogAlbumSchema>;

/** `catalog.upsert-albums`: albums seen in a search answer go into the catalogue. The API does not wait for it. */
export const catalogUpsertAlbumsPayloadSchema = z.strictObject({
  albums: z.array(catalogAlbumSchema).min(1).max(100),
  requestId: z.string().max(128).optional(),
});
export const catalogUpsertAlbumsResultSchema = z.object({ upserted: z.number().int().nonnegative() });

/** `catalog.refresh-album`: refresh one stale catalogue entry through the `spotify` queue at background priority. */
export const catalogRefreshAlbumPayloadSchema = z.strictObject({
  albumId: spotifyIdSchema,
  requestId: z.string().max(128).optional(),
});
export const catalogRefreshAlbumResultSchema = z.object({ refreshed: z.boolean() });

export type CatalogUpsertAlbumsPayload = z.infer<typeof catalogUpsertAlbumsPayloadSchema>;
export type CatalogRefreshAlbumPayload = z.infer<typeof catalogRefreshAlbumPayloadSchema>;

/**
 * `catalog.refresh-stale`: produced by worker-default's job scheduler (`CATALOG_REFRESH_SCHEDULER_ID`); enqueues one
 * `catalog.refresh-album` for each of the `limit` oldest entries refreshed more than `olderThanDays` ago.
 */
export const catalogRefreshStalePayloadSchema = z.strictObject({
  olderThanDays: z.number().int().min(1).max(3650),
  limit: z.number().int().min(1).max(500),
});
export const catalogRefreshStaleResultSchema = z.object({ stale: z.number().int().nonnegative() });

export type CatalogRefreshStalePayload = z.infer<typeof catalogRefreshStalePayloadSchema>;

/** The job scheduler id of the periodic `catalog.refresh-stale`. Never rename: it lives in Redis. */
export const CATALOG_REFRESH_SCHEDULER_ID = 'catalog.refresh-stale';

/**
 * Options for enqueueing the refresh of `albumId` (spread over `jobCatalog['catalog.refresh-album'].options`):
 * one pending refresh per album (`deduplication.id` `catalog.refresh-album:<albumId>`, simple mode: later adds join
 * it until it completes or fails), and `priority` SpotifyPriority.Background (10) so `catalog.upsert-albums` (unprioritized) runs first on the
 * default queue. Its Spotify call goes through the spotify queue at SpotifyPriority.Background as well.
 */
export function catalogRefreshAlbumJobOptions(albumId: string): { priority: number; deduplication: { id: string } } {
  return { priority: SpotifyPriority.Background, deduplication: { id: `catalog.refresh-album:${albumId}` } };
}
