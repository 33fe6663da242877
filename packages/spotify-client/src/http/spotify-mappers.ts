import type { AlbumDetail, AlbumSummary, ArtistRef, ArtistSummary, TrackSummary } from '@albumboard/queue-contracts';
import type { RawAlbum, RawArtist, RawImage, RawSimplifiedAlbum, RawSimplifiedArtist, RawSimplifiedTrack } from './schemas';

const PRECISIONS = ['year', 'month', 'day'] as const;
type Precision = (typeof PRECISIONS)[number];

/** The URL of the largest image (by area; the first one on a tie or when sizes are unknown), or null. */
export function largestImageUrl(images: readonly RawImage[] | undefined): string | null {
  if (!images || images.length === 0) return null;
  let best = images[0];
  let bestArea = area(best);
  for (const image of images.slice(1)) {
    const a = area(image);
    if (a > bestArea) {
      best = image;
      bestArea = a;
    }
  }
  return best.url;
}

function area(image: RawImage): number {
  return (image.width ?? 0) * (image.height ?? 0);
}

function precision(value: string | null | undefined): Precision | null {
  return PRECISIONS.find((p) => p === value) ?? null;
}

export function toArtistRef(raw: RawSimplifiedArtist): ArtistRef {
  return { id: raw.id, name: raw.name };
}

export function toArtistSummary(raw: RawArtist): ArtistSummary {
  const out: ArtistSummary = {
    id: raw.id,
    name: raw.name,
    imageUrl: largestImageUrl(raw.images),
    spotifyUrl: raw.external_urls?.spotify ?? null,
  };
  if (raw.genres !== undefined) out.genres = raw.genres;
  if (raw.popularity !== undefined) out.popularity = raw.popularity;
  if (raw.followers !== undefined) out.followers = raw.followers?.total ?? null;
  return out;
}

export function toAlbumSummary(raw: RawSimplifiedAlbum): AlbumSummary {
  return {
    id: raw.id,
    name: raw.name,
    artists: (raw.artists ?? []).map(toArtistRef),
    releaseDate: raw.release_date ?? null,
    releaseDatePrecision: precision(raw.release_date_precision),
    totalTracks: raw.total_tracks ?? null,
    imageUrl: largestImageUrl(raw.images),
    spotifyUrl: raw.external_urls?.spotify ?? null,
    albumType: raw.album_type ?? null,
  };
}

export function toTrackSummary(raw: RawSimplifiedTrack): TrackSummary {
  return { id: raw.id, name: raw.name, trackNumber: raw.track_number ?? null, durationMs: raw.duration_ms ?? null };
}

export function toAlbumDetail(raw: RawAlbum): AlbumDetail {
  const out: AlbumDetail = { ...toAlbumSummary(raw) };
  if (raw.label !== undefined) out.label = raw.label;
  if (raw.genres !== undefined) out.genres = raw.genres;
  if (raw.tracks !== undefined) out.tracks = raw.tracks.items.map(toTrackSummary);
  return out;
}
