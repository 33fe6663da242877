import type { AlbumSeed, ArtistSeed } from './catalog.types';
import { deterministicId, deterministicInt } from './ids';

/**
 * Synthetic artists for benchmarks: `Generated Artist 0001` … `Generated Artist 1000` (1-based,
 * zero-padded to max(4, digits of the count)), each with albums `Generated Album 0042-01` … .
 * The padded number is unique, so searching the full artist name finds exactly that artist.
 */
export function generatedNumberWidth(count: number): number {
  return Math.max(4, String(count).length);
}

export function generatedArtistName(index: number, count: number): string {
  return `Generated Artist ${String(index).padStart(generatedNumberWidth(count), '0')}`;
}

export function generatedAlbumName(index: number, albumIndex: number, count: number): string {
  const artist = String(index).padStart(generatedNumberWidth(count), '0');
  return `Generated Album ${artist}-${String(albumIndex).padStart(2, '0')}`;
}

export function generatedArtistId(index: number): string {
  return deterministicId(`generated-artist:${index}`);
}

export function generateArtists(count: number, albumsPerArtist: number): ArtistSeed[] {
  const artists: ArtistSeed[] = [];
  for (let i = 1; i <= count; i += 1) {
    const albums: AlbumSeed[] = [];
    for (let j = 1; j <= albumsPerArtist; j += 1) {
      const key = `generated-album:${i}:${j}`;
      const isSingle = j === 2;
      const year = deterministicInt(`${key}:year`, 1990, 2025);
      const month = String(deterministicInt(`${key}:month`, 1, 12)).padStart(2, '0');
      const day = String(deterministicInt(`${key}:day`, 1, 28)).padStart(2, '0');
      albums.push({
        name: generatedAlbumName(i, j, count),
        date: `${year}-${month}-${day}`,
        tracks: isSingle ? deterministicInt(`${key}:tracks`, 1, 3) : deterministicInt(`${key}:tracks`, 8, 16),
        label: 'Generated Records',
        type: isSingle ? 'single' : 'album',
      });
    }
    artists.push({
      name: generatedArtistName(i, count),
      id: generatedArtistId(i),
      popularity: deterministicInt(`generated-artist:${i}:popularity`, 1, 30),
      albums,
    });
  }
  return artists;
}
