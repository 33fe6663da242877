import { Catalog } from '../../src/catalog/catalog';
import { generatedArtistName, generateArtists } from '../../src/catalog/generated-artists';
import { BASE62_ID } from '../../src/catalog/ids';
import { REAL_ARTISTS } from '../../src/catalog/real-artists';
import { parseSearchQuery } from '../../src/catalog/search-query';

describe('Catalog', () => {
  const catalog = new Catalog({ generatedArtists: 1000, generatedAlbumsPerArtist: 3 });
  const real = [...catalog.artists.values()].filter((a) => !a.name.startsWith('Generated Artist'));

  it('includes the real artists the project relies on', () => {
    const names = real.map((a) => a.name);
    for (const n of ['Taylor Swift', 'Radiohead', 'Beyoncé', 'Kendrick Lamar', 'Arctic Monkeys', 'Miles Davis', 'Daft Punk']) {
      expect(names).toContain(n);
    }
  });

  it('holds 150+ well-known real artists across genres and decades, each with several releases', () => {
    expect(real.length).toBeGreaterThanOrEqual(150);
    expect(real.length).toBe(REAL_ARTISTS.length);
    expect(new Set(real.map((a) => a.id)).size).toBe(real.length);
    expect(new Set(real.map((a) => a.name)).size).toBe(real.length);
    for (const seed of REAL_ARTISTS) expect(seed.albums.length).toBeGreaterThanOrEqual(2);
    const genres = new Set(REAL_ARTISTS.map((seed) => seed.genre));
    for (const genre of ['rock', 'pop', 'hip-hop', 'jazz', 'classical', 'electronic', 'metal', 'country', 'latin', 'k-pop', 'afrobeats', 'folk', 'soul/r&b', 'reggae']) {
      expect(genres).toContain(genre);
    }
    const decades = new Set(REAL_ARTISTS.flatMap((seed) => seed.albums.map((a) => `${a.date.slice(0, 3)}0s`)));
    for (const decade of ['1950s', '1960s', '1970s', '1980s', '1990s', '2000s', '2010s', '2020s']) expect(decades).toContain(decade);
  });

  it('gives every real release its own id', () => {
    const realAlbums = [...catalog.albums.values()].filter((a) => !a.generated);
    expect(realAlbums.length).toBe(REAL_ARTISTS.reduce((n, seed) => n + seed.albums.length, 0));
    expect(new Set(realAlbums.map((a) => a.id)).size).toBe(realAlbums.length);
  });

  it('keeps the ids of the artists other packages search for', () => {
    const idOf = (name: string) => real.find((a) => a.name === name)?.id;
    expect(idOf('Taylor Swift')).toBe('06HL4z0CvFAxyc27GXpf02');
    expect(idOf('Radiohead')).toBe('4Z8W4fKeB5YxbusRsdQVPb');
    expect(idOf('Beyoncé')).toBe('6vWDO969PvNqNYHIOW5v0m');
    expect(idOf('Daft Punk')).toBe('4tZwfgrHOc3mvqYlEYSvVi');
    expect(idOf('Adele')).toBe('4dpARuHxo51G3z768sgnrY');
  });

  it.each([
    ['Sigur Rós', 'Sigur Rós'], ['sigur ros', 'Sigur Rós'], ['SIGUR', 'Sigur Rós'],
    ['Björk', 'Björk'], ['bjork', 'Björk'], ['Metallica', 'Metallica'], ['metalli', 'Metallica'],
  ])('finds %s: %s first, with albums', (q, name) => {
    const [first] = catalog.searchArtists(parseSearchQuery(q));
    expect(first?.name).toBe(name);
    const albums = catalog.artistDiscography(first?.id ?? '', new Set(['album'] as const));
    expect(albums.length).toBeGreaterThanOrEqual(5);
  });

  it('ranks a real artist before a synthetic one sharing a word, however the two match', () => {
    const small = new Catalog({
      generatedArtists: 5,
      generatedAlbumsPerArtist: 1,
      realArtists: [{ name: 'My Favourite Artist', popularity: 0, albums: [{ name: 'A Generated Album', date: '2001', tracks: 3, label: 'X' }] }],
    });
    // "artist" is a substring of both names, and every synthetic artist is more popular.
    expect(small.searchArtists(parseSearchQuery('artist')).map((a) => a.name)[0]).toBe('My Favourite Artist');
    // "generated album" is a prefix of the synthetic albums' names, only a substring of the real one's.
    const albums = small.searchAlbums(parseSearchQuery('generated album'));
    expect(albums).toHaveLength(6);
    expect(albums[0]?.name).toBe('A Generated Album');
  });

  describe('typos and other scripts', () => {
    const small = new Catalog({
      generatedArtists: 0,
      generatedAlbumsPerArtist: 0,
      realArtists: [
        { name: 'Muse', popularity: 10, albums: [{ name: 'Absolution', date: '2003', tracks: 14, label: 'X' }] },
        { name: 'Mose', popularity: 99, albums: [{ name: 'Popular', date: '2020', tracks: 9, label: 'X' }] },
        { name: 'Radiohead', popularity: 10, albums: [{ name: 'Kid A', date: '2000', tracks: 10, label: 'X' }] },
        { name: 'Radioheadz', popularity: 99, albums: [{ name: 'Kid Z', date: '2001', tracks: 10, label: 'X' }] },
        { name: 'Hikaru Utada', localizedNames: { ja: '宇多田ヒカル' }, popularity: 65, albums: [{ name: 'First Love', date: '1999', tracks: 12, label: 'X' }] },
      ],
    });
    const artistNames = (q: string) => small.searchArtists(parseSearchQuery(q)).map((a) => a.name);

    it('ranks an exact match before a more popular near miss', () => {
      expect(artistNames('muse')).toEqual(['Muse', 'Mose']);
      expect(artistNames('mose')).toEqual(['Mose', 'Muse']);
    });

    it('ranks fewer edits before a more popular artist with more', () => {
      expect(artistNames('radiohed')).toEqual(['Radiohead', 'Radioheadz']);
    });

    it('finds an artist and their albums by a localized name, the artist: filter too', () => {
      expect(artistNames('宇多田ヒカル')).toEqual(['Hikaru Utada']);
      expect(small.searchAlbums(parseSearchQuery('宇多田')).map((a) => a.name)).toEqual(['First Love']);
      expect(small.searchAlbums(parseSearchQuery('first love artist:宇多田ヒカル')).map((a) => a.name)).toEqual(['First Love']);
      expect(small.searchAlbums(parseSearchQuery('artist:radiohed')).map((a) => a.name).sort()).toEqual(['Kid A', 'Kid Z']);
    });

    it('finds nothing for a word far from every name', () => {
      for (const q of ['zzzz', 'xyzzyplugh', 'radio xyzzy', 'ヒカリ宇宙人']) expect([q, artistNames(q)]).toEqual([q, []]);
    });
  });

  it('lists every matching real album before the synthetic ones in the full catalogue', () => {
    const albums = catalog.searchAlbums(parseSearchQuery('album'));
    const firstGenerated = albums.findIndex((a) => a.generated);
    expect(firstGenerated).toBeGreaterThan(0);
    expect(albums.slice(firstGenerated).every((a) => a.generated)).toBe(true);
    expect(albums.slice(0, firstGenerated).map((a) => a.name)).toEqual(expect.arrayContaining(['The Album', 'THE ALBUM']));
  });

  it('uses 22-character base62 ids everywhere', () => {
    for (const id of [...catalog.artists.keys(), ...catalog.albums.keys()]) expect(id).toMatch(BASE62_ID);
    const album = catalog.albums.get('151w1FgRZfnKZA9FEcg9Z3');
    expect(album && catalog.tracks(album).every((t) => BASE62_ID.test(t.id))).toBe(true);
  });

  it('is deterministic', () => {
    const again = new Catalog({ generatedArtists: 1000, generatedAlbumsPerArtist: 3 });
    expect([...again.albums.keys()]).toEqual([...catalog.albums.keys()]);
    expect(generateArtists(3, 2)).toEqual(generateArtists(3, 2));
  });

  it('pads generated numbers to the width of the count', () => {
    expect(generatedArtistName(7, 1000)).toBe('Generated Artist 0007');
    expect(generatedArtistName(7, 25_000)).toBe('Generated Artist 00007');
    expect(catalog.searchArtists({ text: 'generated artist 1000' }).map((a) => a.name)).toEqual(['Generated Artist 1000']);
    expect(catalog.searchArtists({ text: 'generated artist' })).toHaveLength(1000);
  });

  it('derives album precision from the date format', () => {
    const byName = (name: string) => [...catalog.albums.values()].find((a) => a.name === name);
    expect(byName('Blue Train')?.precision).toBe('year');
    expect(byName('A Love Supreme')?.precision).toBe('month');
    expect(byName('Midnights')?.precision).toBe('day');
  });
});
