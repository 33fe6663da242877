import { z } from 'zod';
import { rawSimplifiedAlbumSchema } from './album.schema';
import { rawArtistSchema } from './artist.schema';
import { rawPagingSchema } from './paging.schema';

/** GET /v1/search?type=artist. */
export const rawSearchArtistsResponseSchema = z.looseObject({ artists: rawPagingSchema(rawArtistSchema) });
export type RawSearchArtistsResponse = z.infer<typeof rawSearchArtistsResponseSchema>;

/** GET /v1/search?type=album (not called by albumboard today; kept so the recorded bodies stay checked). */
export const rawSearchAlbumsResponseSchema = z.looseObject({ albums: rawPagingSchema(rawSimplifiedAlbumSchema) });
export type RawSearchAlbumsResponse = z.infer<typeof rawSearchAlbumsResponseSchema>;
