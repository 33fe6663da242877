import { albumDetailSchema, albumSummarySchema, artistSummarySchema } from '@albumboard/queue-contracts';
import {
  rawAlbumSchema,
  rawArtistAlbumsResponseSchema,
  rawArtistSchema,
  rawSearchAlbumsResponseSchema,
  rawSearchArtistsResponseSchema,
} from '../../src/http/schemas';
import { largestImageUrl, toAlbumDetail, toAlbumSummary, toArtistSummary } from '../../src/http/spotify-mappers';
import { readRealResponse } from '../../src/test-support/real-responses';

const img = (id: string) => `https://i.scdn.co/image/${id}`;

/** The ArtistSummary expected of a recorded artist whose answer lists no genres. */
const genrelessArtist = (id: string, name: string, imageUrl: string | null, popularity: number, followers: number) => ({
  id,
  name,
  imageUrl,
  spotifyUrl: `https://open.spotify.com/artist/${id}`,
  genres: [],
  popularity,
  followers,
});

describe('mapping real Spotify bodies onto the contract models', () => {
  it('search-artist 2026 (dev mode): no followers, genres or popularity', () => {
    const raw = rawSearchArtistsResponseSchema.parse(readRealResponse('search-artist.Akshaya633-Spotify-API-Explorer.2026.json'));
    const artist = toArtistSummary(raw.artists.items[0]);
    expect(artist).toEqual({
      id: '06HL4z0CvFAxyc27GXpf02',
      name: 'Taylor Swift',
      imageUrl: img('ab6761610000e5ebe2e8e7ff002a4afda1c7147e'),
      spotifyUrl: 'https://open.spotify.com/artist/06HL4z0CvFAxyc27GXpf02',
    });
    expect(artistSummarySchema.parse(artist)).toEqual(artist);
  });

  it('search-artist (~2017): images [] → imageUrl null; followers, popularity and genres carried', () => {
    const raw = rawSearchArtistsResponseSchema.parse(readRealResponse('search-artist.spotify-web-api-java.json'));
    expect(toArtistSummary(raw.artists.items[0])).toEqual(genrelessArtist('5l8lZmnKzCAUKKtNZMzbVO', 'Muse And The Forgetting', null, 17, 2));
  });

  it('search-artist 2014: non-square images, the largest by area wins', () => {
    const raw = rawSearchArtistsResponseSchema.parse(readRealResponse('search-artist.rspotify-ruby.2014-10-21.json'));
    const artist = toArtistSummary(raw.artists.items[0]);
    expect(artist.imageUrl).toBe(img('9bc435729e1a7d4f5f7fe44270044bfc4d7fdb4a'));
    expect(artist).not.toHaveProperty('followers');
    expect(artist.popularity).toBe(74);
  });

  it('artist: GET /v1/artists/{id}', () => {
    const artist = toArtistSummary(rawArtistSchema.parse(readRealResponse('artist.joostlek-python-spotify.json')));
    expect(artist).toEqual(genrelessArtist('0TnOYISbd1XYRBk9myaseg', 'Pitbull', img('ab6761610000e5eb8d8ac7290d0fe2d12fb6e4d9'), 85, 12425030));
  });

  it('artist-albums (2025): every field of the summary', () => {
    const raw = rawArtistAlbumsResponseSchema.parse(readRealResponse('artist-albums.joostlek-python-spotify.json'));
    const album = toAlbumSummary(raw.items[0]);
    expect(album).toEqual({
      id: '1nPRTKmS3Bn0f2ih11i2aH',
      name: 'UNDERDOGS',
      artists: [
        { id: '0b2GL7Y02vu50qieoQmw1w', name: 'IAmChino' },
        { id: '0TnOYISbd1XYRBk9myaseg', name: 'Pitbull' },
      ],
      releaseDate: '2025-08-29',
      releaseDatePrecision: 'day',
      totalTracks: 11,
      imageUrl: img('ab67616d0000b273fa853d9769c89d08a74983bb'),
      spotifyUrl: 'https://open.spotify.com/album/1nPRTKmS3Bn0f2ih11i2aH',
      albumType: 'album',
    });
    expect(albumSummarySchema.parse(album)).toEqual(album);
  });

  it('artist-albums 2014: missing artists, release date and track count map to [] and nulls', () => {
    const raw = rawArtistAlbumsResponseSchema.parse(readRealResponse('artist-albums.rspotify-ruby.2014-08-15.json'));
    expect(toAlbumSummary(raw.items[0])).toEqual({
      id: '41vPD50kQ7JeamkxQW7Vuy',
      name: 'AM',
      artists: [],
      releaseDate: null,
      releaseDatePrecision: null,
      totalTracks: null,
      imageUrl: img('dcce679b1f12fd328cf9aa52618868c169768ce8'),
      spotifyUrl: 'https://open.spotify.com/album/41vPD50kQ7JeamkxQW7Vuy',
      albumType: 'album',
    });
  });

  it('search-album (~2017): available_markets [] is accepted', () => {
    const raw = rawSearchAlbumsResponseSchema.parse(readRealResponse('search-album.spotify-web-api-java.json'));
    const album = toAlbumSummary(raw.albums.items[1]);
    expect(album.id).toBe('1AP6uGYHdakRgwuWQsP5pK');
    expect(album.artists).toEqual([{ id: '12Chz98pHFMPJEknJQMWvI', name: 'Muse' }]);
    expect(album.releaseDate).toBeNull();
  });

  it('album: label, genres and tracks', () => {
    const album = toAlbumDetail(rawAlbumSchema.parse(readRealResponse('album.joostlek-python-spotify.json')));
    expect(album).toMatchObject({
      id: '3IqzqH6ShrRtie9Yd2ODyG',
      name: 'SINGLARITY',
      artists: [{ id: '3jULn43a6xfzqleyeFjPIq', name: 'Area 11' }],
      releaseDate: '2020-12-18',
      releaseDatePrecision: 'day',
      totalTracks: 11,
      imageUrl: img('ab67616d0000b273a61a28c2f084761f8833bce6'),
      spotifyUrl: 'https://open.spotify.com/album/3IqzqH6ShrRtie9Yd2ODyG',
      albumType: 'album',
      label: 'Smihilism Records',
      genres: [],
    });
    expect(album.tracks).toHaveLength(5);
    expect(album.tracks?.[0]).toEqual({ id: '6akJGriy4njdP8fZTPGjwz', name: 'All Your Friends', trackNumber: 1, durationMs: 260372 });
    expect(albumDetailSchema.parse(album)).toEqual(album);
  });
});

describe('largestImageUrl', () => {
  it('picks by area, keeps the first on a tie or unknown sizes, null for none', () => {
    expect(largestImageUrl([])).toBeNull();
    expect(largestImageUrl(undefined)).toBeNull();
    expect(largestImageUrl([{ url: 'a', width: 64, height: 64 }, { url: 'b', width: 640, height: 640 }])).toBe('b');
    expect(largestImageUrl([{ url: 'a', width: null, height: null }, { url: 'b' }])).toBe('a');
  });

  it('maps an unknown release_date_precision to null rather than failing', () => {
    const album = toAlbumSummary({ id: '41vPD50kQ7JeamkxQW7Vuy', name: 'AM', release_date: '2013', release_date_precision: 'decade' });
    expect(album.releaseDatePrecision).toBeNull();
    expect(album.releaseDate).toBe('2013');
  });
});
