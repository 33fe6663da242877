import type { Catalog } from '../catalog/catalog';
import type { AlbumGroup, CatalogAlbum, CatalogArtist, CatalogTrack } from '../catalog/catalog.types';
import { imageHash } from '../catalog/ids';
import { MARKETS } from '../catalog/markets';
import { buildHref, paging } from './paging';

/**
 * Renders catalog entries in Spotify's 2026 Web API shapes. Choices (see README.md):
 * artists omit the deprecated followers/genres/popularity unless asked (development-mode apps
 * in 2026 do not get them); `available_markets` is left out when a market is sent, tracks then
 * carry `is_playable`.
 */
export interface RenderContext {
  apiBase: string;
  market: string | null;
  includeDeprecatedArtistFields: boolean;
  catalog: Catalog;
}

const openUrl = (kind: string, id: string) => ({ spotify: `https://open.spotify.com/${kind}/${id}` });

const image = (prefix: string, hash: string, size: number) => ({ url: `https://i.scdn.co/image/${prefix}${hash}`, height: size, width: size });

export function artistImages(id: string) {
  const hash = imageHash(id);
  return [image('ab6761610000e5eb', hash, 640), image('ab67616100005174', hash, 320), image('ab6761610000f178', hash, 160)];
}

export function albumImages(id: string) {
  const hash = imageHash(id);
  return [image('ab67616d0000b273', hash, 640), image('ab67616d00001e02', hash, 300), image('ab67616d00004851', hash, 64)];
}

export function simplifiedArtist(ctx: RenderContext, artist: CatalogArtist) {
  const { id } = artist;
  return { external_urls: openUrl('artist', id), href: `${ctx.apiBase}/artists/${id}`, id, name: artist.name, type: 'artist' as const, uri: `spotify:artist:${id}` };
}

export function artistObject(ctx: RenderContext, artist: CatalogArtist) {
  const { id } = artist;
  const base = { external_urls: openUrl('artist', id) };
  const rest = { href: `${ctx.apiBase}/artists/${id}`, id, images: artistImages(id), name: artist.name };
  const tail = { type: 'artist' as const, uri: `spotify:artist:${id}` };
  if (!ctx.includeDeprecatedArtistFields) return { ...base, ...rest, ...tail };
  return { ...base, followers: { href: null, total: artist.followers }, genres: [] as string[], ...rest, popularity: artist.popularity, ...tail };
}

function albumArtists(ctx: RenderContext, album: CatalogAlbum) {
  return album.artistIds.flatMap((id) => {
    const artist = ctx.catalog.artists.get(id);
    return artist ? [simplifiedArtist(ctx, artist)] : [];
  });
}

function albumBase(ctx: RenderContext, album: CatalogAlbum) {
  const { id } = album;
  return {
    album_type: album.albumType,
    total_tracks: album.totalTracks,
    ...(ctx.market === null ? { available_markets: [...MARKETS] } : {}),
    external_urls: openUrl('album', id),
    href: `${ctx.apiBase}/albums/${id}`,
    id,
    images: albumImages(id),
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: album.precision,
    type: 'album' as const,
    uri: `spotify:album:${id}`,
    artists: albumArtists(ctx, album),
  };
}

export function simplifiedAlbum(ctx: RenderContext, album: CatalogAlbum, group?: AlbumGroup) {
  return group ? { ...albumBase(ctx, album), album_group: group } : albumBase(ctx, album);
}

export function track(ctx: RenderContext, album: CatalogAlbum, t: CatalogTrack) {
  return {
    artists: albumArtists(ctx, album),
    ...(ctx.market === null ? { available_markets: [...MARKETS] } : {}),
    disc_number: t.discNumber,
    duration_ms: t.durationMs,
    explicit: t.explicit,
    external_urls: openUrl('track', t.id),
    href: `${ctx.apiBase}/tracks/${t.id}`,
    id: t.id,
    ...(ctx.market === null ? {} : { is_playable: true }),
    name: t.name,
    preview_url: null,
    track_number: t.trackNumber,
    type: 'track' as const,
    uri: `spotify:track:${t.id}`,
    is_local: false,
  };
}

export function tracksPaging(ctx: RenderContext, album: CatalogAlbum, offset: number, limit: number) {
  const hrefAt = (o: number) => buildHref(`${ctx.apiBase}/albums/${album.id}/tracks`, [['offset', o], ['limit', limit], ['market', ctx.market]]);
  return paging(ctx.catalog.tracks(album), offset, limit, hrefAt, (t) => track(ctx, album, t));
}

export function fullAlbum(ctx: RenderContext, album: CatalogAlbum) {
  const year = album.releaseDate.slice(0, 4);
  return {
    ...albumBase(ctx, album),
    tracks: tracksPaging(ctx, album, 0, 50),
    copyrights: [
      { text: `${year} ${album.label}`, type: 'C' },
      { text: `${year} ${album.label}`, type: 'P' },
    ],
    external_ids: { upc: album.upc },
    genres: [] as string[],
    label: album.label,
    popularity: album.popularity,
  };
}
