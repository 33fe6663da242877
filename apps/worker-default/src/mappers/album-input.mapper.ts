import type { AlbumSummary } from '@albumboard/queue-contracts';
import { albumInputSchema, type AlbumInput } from '@albumboard/rating-store';

/** The catalogue fields of a Spotify album (an AlbumSummary or AlbumDetail from the contracts). */
export function toAlbumInput(album: AlbumSummary): AlbumInput {
  return {
    id: album.id,
    name: album.name,
    artists: album.artists.map((artist) => ({ id: artist.id, name: artist.name })),
    imageUrl: album.imageUrl,
    releaseDate: album.releaseDate,
    albumType: album.albumType,
    totalTracks: album.totalTracks,
    spotifyUrl: album.spotifyUrl,
  };
}

/** Splits albums into those the store accepts and the ids of those it would refuse (bad id, empty name…). */
export function partitionStorable(albums: readonly AlbumSummary[]): { storable: AlbumInput[]; rejectedIds: string[] } {
  const storable: AlbumInput[] = [];
  const rejectedIds: string[] = [];
  for (const album of albums) {
    const input = toAlbumInput(album);
    if (albumInputSchema.safeParse(input).success) storable.push(input);
    else rejectedIds.push(album.id.slice(0, 40));
  }
  return { storable, rejectedIds };
}
