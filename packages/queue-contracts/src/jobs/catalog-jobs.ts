import { z } from 'zod';
import { albumSummarySchema, spotifyIdSchema } from '../spotify/spotify-models';

/** `catalog.upsert-albums`: albums seen in a search answer go into the catalogue. The API does not wait for it. */
export const catalogUpsertAlbumsPayloadSchema = z.strictObject({
  albums: z.array(albumSummarySchema).min(1).max(100),
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
