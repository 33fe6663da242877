import { Catalog } from './catalog';
import { generatedArtistName, generateArtists } from './generated-artists';
import { BASE62_ID } from './ids';

describe('Catalog', () => {
  const catalog = new Catalog({ generatedArtists: 1000, generatedAlbumsPerArtist: 3 });
  const real = [...catalog.artists.values()].filter((a) => !a.name.startsWith('Generated Artist'));

  it('holds 30+ real artists, including the ones the project relies on', () => {
    expect(real.length).toBeGreaterThanOrEqual(30);
    const names = real.map((a) => a.name);
    for (const n of ['Taylor Swift', 'Radiohead', 'Beyoncé', 'Kendrick Lamar', 'Arctic Monkeys', 'Miles Davis', 'Daft Punk']) {
      expect(names).toContain(n);
    }
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
