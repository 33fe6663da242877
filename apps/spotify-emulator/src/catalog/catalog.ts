import type {
  AlbumGroup, ArtistSeed, CatalogAlbum, CatalogArtist, CatalogTrack, DatePrecision, DiscographyEntry,
} from './catalog.types';
import { generateArtists } from './generated-artists';
import { deterministicId, deterministicInt } from './ids';
import { REAL_ARTISTS } from './real-artists';
import { matchScore, needle, normalize, type Needle, type SearchQuery } from './search-query';
import { TypoVocabulary } from './typo-tolerance';

export interface CatalogOptions {
  generatedArtists: number;
  generatedAlbumsPerArtist: number;
  /** The real artists; the data file (real-artists.json) unless given. */
  realArtists?: ArtistSeed[];
}

export interface SearchHits<T> {
  items: T[];
  total: number;
}

const GROUP_ORDER: AlbumGroup[] = ['album', 'single', 'compilation', 'appears_on'];

/** Real artists and albums rank before the synthetic benchmark ones, whatever the match quality. */
interface Ranked {
  generated: boolean;
  popularity: number;
  name: string;
}

/**
 * Search hits in Spotify-like order: real entries before the synthetic benchmark ones, then the better match, the more
 * popular, then `tieBreak`, then by name.
 */
function ranked<T extends Ranked>(hits: { entry: T; score: number }[], tieBreak: (a: T, b: T) => number = () => 0): T[] {
  hits.sort(
    ({ entry: a, score: sa }, { entry: b, score: sb }) =>
      Number(a.generated) - Number(b.generated) || sb - sa || b.popularity - a.popularity || tieBreak(a, b) || a.name.localeCompare(b.name),
  );
  return hits.map((hit) => hit.entry);
}

/** The best score of any of an entry's names. */
function bestScore(names: string[], n: Needle): number {
  let best = 0;
  for (const name of names) best = Math.max(best, matchScore(name, n));
  return best;
}

const precisionOf = (date: string): DatePrecision => (date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day');

/** The emulator's read-only music catalog: real artists plus deterministic synthetic ones. */
export class Catalog {
  readonly artists = new Map<string, CatalogArtist>();
  readonly albums = new Map<string, CatalogAlbum>();
  private readonly discography = new Map<string, DiscographyEntry[]>();
  private readonly idByName = new Map<string, string>();
  /** The words of every artist name: a query word within a typo of one of them still matches. */
  private readonly typos = new TypoVocabulary();

  constructor(options: CatalogOptions) {
    const seeds = [
      ...(options.realArtists ?? REAL_ARTISTS).map((seed) => ({ seed, generated: false })),
      ...generateArtists(options.generatedArtists, options.generatedAlbumsPerArtist).map((seed) => ({ seed, generated: true })),
    ];
    for (const { seed, generated } of seeds) this.addArtist(seed, generated);
    for (const { seed } of seeds) this.addAlbums(seed);
    for (const entries of this.discography.values()) {
      entries.sort(
        (a, b) =>
          GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
          b.album.releaseDate.localeCompare(a.album.releaseDate) ||
          a.album.name.localeCompare(b.album.name),
      );
    }
  }

  artistDiscography(artistId: string, groups: ReadonlySet<AlbumGroup>): DiscographyEntry[] {
    return (this.discography.get(artistId) ?? []).filter((entry) => groups.has(entry.group));
  }

  /** Tracks are derived from the album id, so they are the same on every run. */
  tracks(album: CatalogAlbum): CatalogTrack[] {
    return Array.from({ length: album.totalTracks }, (_, i) => {
      const key = `track:${album.id}:${i + 1}`;
      return {
        id: deterministicId(key),
        name: album.albumType === 'single' && i === 0 ? album.name : `Track ${i + 1}`,
        durationMs: deterministicInt(`${key}:duration`, 120_000, 360_000),
        explicit: deterministicInt(`${key}:explicit`, 0, 9) === 0,
        discNumber: 1,
        trackNumber: i + 1,
      };
    });
  }

  searchArtists(query: SearchQuery): CatalogArtist[] {
    const text = needle(query.text, this.typos);
    const artistFilter = query.artist ? needle(query.artist, this.typos) : null;
    const hits: { entry: CatalogArtist; score: number }[] = [];
    for (const artist of this.artists.values()) {
      if (artistFilter && bestScore(artist.searchNames, artistFilter) === 0) continue;
      const score = text.text ? bestScore(artist.searchNames, text) : artistFilter ? 1 : 0;
      if (score > 0) hits.push({ entry: artist, score });
    }
    return ranked(hits);
  }

  searchAlbums(query: SearchQuery): CatalogAlbum[] {
    const text = needle(query.text, this.typos);
    const artistFilter = query.artist ? needle(query.artist, this.typos) : null;
    const albumFilter = query.album ? needle(query.album) : null;
    const hits: { entry: CatalogAlbum; score: number }[] = [];
    for (const album of this.albums.values()) {
      if (artistFilter && bestScore(album.artistSearchNames, artistFilter) === 0) continue;
      if (albumFilter && matchScore(album.searchName, albumFilter) === 0) continue;
      const year = Number(album.releaseDate.slice(0, 4));
      if (query.year && (year < query.year.from || year > query.year.to)) continue;
      let score = artistFilter || albumFilter || query.year ? 1 : 0;
      if (text.text) {
        // searchText contains the album and artist names, so no match there means no match at all. A query that only
        // matches across album and artist names scores 1, or less when it needed typo correction.
        const acrossNames = matchScore(album.searchText, text);
        if (acrossNames === 0) continue;
        score = Math.max(Math.min(acrossNames, 1), matchScore(album.searchName, text), bestScore(album.artistSearchNames, text));
      }
      if (score > 0) hits.push({ entry: album, score });
    }
    return ranked(hits, (a, b) => b.releaseDate.localeCompare(a.releaseDate));
  }

  private addArtist(seed: ArtistSeed, generated: boolean): void {
    const id = seed.id ?? deterministicId(`artist:${seed.name}`);
    if (this.artists.has(id)) throw new Error(`catalog: duplicate artist id ${id} (${seed.name})`);
    const followers = seed.popularity ** 3 * 100 + deterministicInt(`followers:${id}`, 0, 99_999);
    const searchNames = [seed.name, ...Object.values(seed.localizedNames ?? {})].map(normalize);
    for (const name of searchNames) this.typos.add(name);
    this.artists.set(id, { id, name: seed.name, popularity: seed.popularity, followers, searchNames, generated });
    this.idByName.set(seed.name, id);
    this.discography.set(id, []);
  }

  private artistIdByName(name: string): string {
    const id = this.idByName.get(name);
    if (!id) throw new Error(`catalog: unknown artist "${name}"`);
    return id;
  }

  private addAlbums(seed: ArtistSeed): void {
    const ownerId = this.artistIdByName(seed.name);
    const owner = this.artists.get(ownerId) as CatalogArtist;
    for (const a of seed.albums) {
      const id = a.id ?? deterministicId(`album:${seed.name}:${a.name}`);
      if (this.albums.has(id)) throw new Error(`catalog: duplicate album id ${id} (${a.name})`);
      const artistIds = [ownerId, ...(a.with ?? []).map((n) => this.artistIdByName(n))];
      const artistSearchNames = artistIds.flatMap((artistId) => this.artists.get(artistId)?.searchNames ?? []);
      const searchName = normalize(a.name);
      const album: CatalogAlbum = {
        id,
        name: a.name,
        albumType: a.type ?? 'album',
        releaseDate: a.date,
        precision: precisionOf(a.date),
        totalTracks: a.tracks,
        label: a.label,
        artistIds,
        featuredArtistIds: (a.features ?? []).map((n) => this.artistIdByName(n)),
        popularity: Math.max(0, owner.popularity - deterministicInt(`album-pop:${id}`, 0, 25)),
        upc: String(deterministicInt(`upc:${id}`, 100_000, 999_999)) + String(deterministicInt(`upc2:${id}`, 100_000, 999_999)),
        searchName,
        artistSearchNames,
        searchText: `${searchName} ${artistSearchNames.join(' ')}`,
        generated: owner.generated,
      };
      this.albums.set(id, album);
      for (const artistId of album.artistIds) this.discography.get(artistId)?.push({ album, group: album.albumType });
      for (const artistId of album.featuredArtistIds) this.discography.get(artistId)?.push({ album, group: 'appears_on' });
    }
  }
}
