import { generatedArtistId, generatedArtistName } from '../src';
import { testEmulator, type TestEmulator } from './support/helpers';

interface Named { id: string; name: string }
const names = (items: Named[]) => items.map((i) => i.name);

describe('catalog endpoints', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await testEmulator({ rateLimitPer30s: 0, generatedArtists: 1000 });
  });

  it('finds Taylor Swift first, by exact and partial case-insensitive name', async () => {
    for (const q of ['Taylor Swift', 'taylor', 'SWIFT', 'swift taylor']) {
      const res = await emu.get(`/v1/search?q=${encodeURIComponent(q)}&type=artist`).expect(200);
      expect(res.body.artists.items[0]).toMatchObject({ id: '06HL4z0CvFAxyc27GXpf02', name: 'Taylor Swift' });
    }
  });

  it('ignores accents ("beyonce" finds "Beyoncé")', async () => {
    const res = await emu.get('/v1/search?q=beyonce&type=artist').expect(200);
    expect(names(res.body.artists.items)).toEqual(['Beyoncé']);
  });

  it.each(['Sigur Rós', 'sigur ros', 'Björk', 'bjork', 'Metallica'])('a newcomer\'s search "%s" finds the artist and their albums', async (q) => {
    const res = await emu.get(`/v1/search?q=${encodeURIComponent(q)}&type=artist,album`).expect(200);
    const artist = res.body.artists.items[0] as Named;
    expect(artist.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()).toBe(
      q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(),
    );
    expect(res.body.albums.items.length).toBeGreaterThan(0);
    const albums = await emu.get(`/v1/artists/${artist.id}/albums?include_groups=album&limit=10`).expect(200);
    expect(albums.body.total).toBeGreaterThanOrEqual(5);
    expect(albums.body.items.every((a: { artists: Named[] }) => a.artists[0]?.id === artist.id)).toBe(true);
  });

  it('forgives a typo in an artist name: "radiohed" finds Radiohead first, and their albums', async () => {
    const typos = [['Radiohaed', 'Radiohead'], ['kendrik lamar', 'Kendrick Lamar'], ['tayler swift', 'Taylor Swift'], ['metalica', 'Metallica']];
    for (const [q, name] of typos) {
      const res = await emu.get(`/v1/search?q=${encodeURIComponent(q as string)}&type=artist`).expect(200);
      expect([q, res.body.artists.items[0]?.name]).toEqual([q, name]);
    }
    const res = await emu.get('/v1/search?q=radiohed&type=artist,album&limit=10').expect(200);
    expect(res.body.artists.items[0]).toMatchObject({ id: '4Z8W4fKeB5YxbusRsdQVPb', name: 'Radiohead' });
    expect(res.body.albums.total).toBe(9);
    expect(res.body.albums.items.every((a: { artists: Named[] }) => a.artists[0]?.name === 'Radiohead')).toBe(true);
  });

  it.each([
    ['宇多田ヒカル', 'Hikaru Utada'], ['ﾋｶﾙ', 'Hikaru Utada'], ['방탄소년단', 'BTS'], ['Петр Чайковский', 'Pyotr Ilyich Tchaikovsky'],
    ['テイラー・スウィフト', 'Taylor Swift'], ['Fryderyk Chopin', 'Frédéric Chopin'],
  ])('finds an artist typed in another script or language: "%s" finds %s, answered under the catalogue name', async (q, name) => {
    const res = await emu.get(`/v1/search?q=${encodeURIComponent(q)}&type=artist,album`).expect(200);
    expect(res.body.artists.items[0]).toMatchObject({ name });
    expect(res.body.albums.items.length).toBeGreaterThan(0);
    expect(res.body.albums.items.every((a: { artists: Named[] }) => a.artists.some((artist) => artist.name === name))).toBe(true);
  });

  it.each([['Sigur Ros', 'Sigur Rós'], ['arvo part', 'Arvo Pärt'], ['MOTORHEAD', 'Motörhead'], ['ＡＢＢＡ', 'ABBA'], ['celine dion', 'Céline Dion']])(
    'folds accents, case and full-width forms: "%s" finds %s first',
    async (q, name) => {
      const res = await emu.get(`/v1/search?q=${encodeURIComponent(q)}&type=artist`).expect(200);
      expect(res.body.artists.items[0]).toMatchObject({ name });
    },
  );

  it('ranks an exact match before a near miss, however popular: "eagles" lists Eagles, then The Beatles', async () => {
    const res = await emu.get('/v1/search?q=eagles&type=artist').expect(200);
    expect(names(res.body.artists.items)).toEqual(['Eagles', 'The Beatles']);
    emu.state.configure({ includeDeprecatedArtistFields: true });
    const beatles = await emu.get('/v1/search?q=the%20beatles&type=artist').expect(200);
    const eagles = await emu.get('/v1/search?q=eagles&type=artist&limit=1').expect(200);
    emu.state.configure({ includeDeprecatedArtistFields: false });
    expect(beatles.body.artists.items[0].popularity).toBeGreaterThan(eagles.body.artists.items[0].popularity);
  });

  it.each(['xyzzyplugh', 'qwrtpsdf', 'zzzzzz', 'asdfghjkl', 'ヒカリ宇宙人', 'радиоголова'])('finds nothing for an unrelated query "%s"', async (q) => {
    const res = await emu.get(`/v1/search?q=${encodeURIComponent(q)}&type=artist,album`).expect(200);
    expect([res.body.artists.total, res.body.albums.total]).toEqual([0, 0]);
  });

  it('ranks real artists and albums before the generated ones', async () => {
    const res = await emu.get('/v1/search?q=album&type=album&limit=10').expect(200);
    const found = names(res.body.albums.items);
    expect(found).toEqual(expect.arrayContaining(['The Album', 'THE ALBUM']));
    const generated = found.map((n) => n.startsWith('Generated Album'));
    expect(generated).toEqual([...generated].sort()); // false (real) before true (generated)
  });

  it('a generated artist name finds exactly that artist', async () => {
    const name = generatedArtistName(42, 1000);
    expect(name).toBe('Generated Artist 0042');
    const res = await emu.get(`/v1/search?q=${encodeURIComponent(name)}&type=artist`).expect(200);
    expect(res.body.artists.total).toBe(1);
    expect(res.body.artists.items[0]).toMatchObject({ id: generatedArtistId(42), name });
    const albums = await emu.get(`/v1/artists/${generatedArtistId(42)}/albums`).expect(200);
    expect(names(albums.body.items).sort()).toEqual(['Generated Album 0042-01', 'Generated Album 0042-02', 'Generated Album 0042-03']);
  });

  it('album search matches album names and artist names, with artist: and year: filters', async () => {
    const byArtist = await emu.get('/v1/search?q=taylor%20swift&type=album&limit=10').expect(200);
    expect(byArtist.body.albums.total).toBe(16);
    expect(byArtist.body.albums.items.every((a: { artists: Named[] }) => a.artists[0]?.name === 'Taylor Swift')).toBe(true);
    const byName = await emu.get('/v1/search?q=ok%20computer&type=album').expect(200);
    expect(byName.body.albums.items[0]).toMatchObject({ id: '6dVIqQ8qmQ5GBnJ9shOYGE', name: 'OK Computer' });
    const filtered = await emu.get(`/v1/search?q=${encodeURIComponent('folklore artist:"Taylor Swift"')}&type=album`).expect(200);
    expect(names(filtered.body.albums.items)).toEqual(['folklore']);
    const none = await emu.get(`/v1/search?q=${encodeURIComponent('folklore artist:"Radiohead"')}&type=album`).expect(200);
    expect(none.body.albums.total).toBe(0);
    const year = await emu.get(`/v1/search?q=${encodeURIComponent('artist:"Taylor Swift" year:2020')}&type=album`).expect(200);
    expect(names(year.body.albums.items).sort()).toEqual(['evermore', 'folklore']);
  });

  it('searches several types at once and pages with next/previous', async () => {
    const res = await emu.get('/v1/search?q=taylor%20swift&type=artist,album&limit=3&offset=3').expect(200);
    expect(Object.keys(res.body)).toEqual(['artists', 'albums']);
    const albums = res.body.albums;
    expect(albums).toMatchObject({ limit: 3, offset: 3, total: 16 });
    expect(albums.next).toMatch(/\/v1\/search\?offset=6&limit=3&query=taylor%20swift&type=album$/);
    expect(albums.previous).toMatch(/\/v1\/search\?offset=0&limit=3&query=taylor%20swift&type=album$/);
    const next = await emu.get(new URL(albums.next as string).pathname + new URL(albums.next as string).search).expect(200);
    expect(next.body.albums.offset).toBe(6);
  });

  it('artist albums are grouped (album, single, compilation, appears_on) and filterable', async () => {
    const daftPunk = '4tZwfgrHOc3mvqYlEYSvVi';
    const all = await emu.get(`/v1/artists/${daftPunk}/albums?limit=10`).expect(200);
    const groups = all.body.items.map((a: { album_group: string }) => a.album_group);
    expect(groups).toEqual(['album', 'album', 'album', 'album', 'album', 'album', 'single', 'appears_on']);
    expect(all.body.items[0].name).toBe('Random Access Memories');
    const appears = await emu.get(`/v1/artists/${daftPunk}/albums?include_groups=appears_on`).expect(200);
    expect(appears.body.items).toHaveLength(1);
    expect(appears.body.items[0]).toMatchObject({ name: 'Starboy', album_group: 'appears_on', artists: [{ name: 'The Weeknd' }] });
    expect(appears.body.href).toContain('include_groups=appears_on');
  });

  it('a co-credited album lists both artists and appears in both discographies as "album"', async () => {
    const jay = await emu.get('/v1/artists/3nFkdlSjzX9mRTtwJOzDYB/albums?include_groups=album&limit=10').expect(200);
    const wtt = jay.body.items.find((a: Named) => a.name === 'Watch The Throne');
    expect(wtt).toMatchObject({ album_group: 'album' });
    expect(names(wtt.artists)).toEqual(['Kanye West', 'JAY-Z']);
  });

  it('album returns the full object with deterministic tracks', async () => {
    const res = await emu.get('/v1/albums/1weenld61qoidwYuZ1GESA').expect(200);
    expect(res.body).toMatchObject({ name: 'Kind Of Blue', release_date: '1959-08-17', total_tracks: 5, label: 'Columbia/Legacy', genres: [] });
    expect(res.body.tracks).toMatchObject({ total: 5, limit: 50, next: null });
    expect(res.body.tracks.items.map((t: { track_number: number }) => t.track_number)).toEqual([1, 2, 3, 4, 5]);
    const again = await emu.get('/v1/albums/1weenld61qoidwYuZ1GESA').expect(200);
    const stable = (items: { id: string; name: string; duration_ms: number }[]) => items.map((t) => [t.id, t.name, t.duration_ms]);
    expect(stable(again.body.tracks.items)).toEqual(stable(res.body.tracks.items));
    const page = await emu.get('/v1/albums/1weenld61qoidwYuZ1GESA/tracks?limit=2&offset=2').expect(200);
    expect(page.body.items.map((t: Named) => t.id)).toEqual(res.body.tracks.items.slice(2, 4).map((t: Named) => t.id));
  });

  it('leaves out available_markets when market is sent, and tracks get is_playable', async () => {
    const without = await emu.get('/v1/albums/78bpIziExqiI9qztvNFlQu').expect(200);
    expect(without.body.available_markets).toEqual(expect.arrayContaining(['US', 'GB', 'SE']));
    const withMarket = await emu.get('/v1/albums/78bpIziExqiI9qztvNFlQu?market=US').expect(200);
    expect(withMarket.body).not.toHaveProperty('available_markets');
    expect(withMarket.body.tracks.items[0]).toMatchObject({ is_playable: true });
    expect(withMarket.body.tracks.items[0]).not.toHaveProperty('available_markets');
  });

  it('artist objects have the 2026 development-mode shape unless deprecated fields are asked for', async () => {
    const res = await emu.get('/v1/artists/06HL4z0CvFAxyc27GXpf02').expect(200);
    expect(Object.keys(res.body)).toEqual(['external_urls', 'href', 'id', 'images', 'name', 'type', 'uri']);
    expect(res.body.images.map((i: { width: number }) => i.width)).toEqual([640, 320, 160]);
    expect(res.body.images[0].url).toMatch(/^https:\/\/i\.scdn\.co\/image\/ab6761610000e5eb[0-9a-f]{24}$/);
    emu.state.configure({ includeDeprecatedArtistFields: true });
    const old = await emu.get('/v1/artists/06HL4z0CvFAxyc27GXpf02').expect(200);
    emu.state.configure({ includeDeprecatedArtistFields: false });
    expect(old.body).toMatchObject({ followers: { href: null, total: expect.any(Number) }, genres: [], popularity: 100 });
  });
});
