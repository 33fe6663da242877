import type { CatalogAlbum } from '@albumboard/queue-contracts';
import { albumInputSchema, catalogFieldsOf, type AlbumInput } from '@albumboard/rating-store';

/** Splits albums into those the store accepts and the ids of those it would refuse (bad id, empty name…). */
export function partitionStorable(albums: readonly CatalogAlbum[]): { storable: AlbumInput[]; rejectedIds: string[] } {
  const storable: AlbumInput[] = [];
  const rejectedIds: string[] = [];
  for (const album of albums) {
    const input = catalogFieldsOf(album);
    if (albumInputSchema.safeParse(input).success) storable.push(input);
    else rejectedIds.push(album.id.slice(0, 40));
  }
  return { storable, rejectedIds };
}
