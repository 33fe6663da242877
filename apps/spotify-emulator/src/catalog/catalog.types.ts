export type AlbumType = 'album' | 'single' | 'compilation';
export type AlbumGroup = AlbumType | 'appears_on';
export type DatePrecision = 'year' | 'month' | 'day';

/** One release as written in the data file (real-artists.json) or generated. */
export interface AlbumSeed {
  name: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the precision follows the format. */
  date: string;
  tracks: number;
  label: string;
  type?: AlbumType;
  /** Spotify's id where known; otherwise one is derived from artist and album name. */
  id?: string;
  /** Further primary artists (catalog names), e.g. JAY-Z on Watch The Throne. */
  with?: string[];
  /** Catalog artists who appear on it without being primary (their `appears_on` group). */
  features?: string[];
}

export interface ArtistSeed {
  name: string;
  /** Spotify's id where known; otherwise derived from the name. */
  id?: string;
  /**
   * The artist's name in other languages and scripts, by ISO 639-1 code (`{"ja": "宇多田ヒカル"}`), as Spotify's catalogue
   * holds the names an artist is localised under. Search finds the artist by any of them; responses carry `name`.
   */
  localizedNames?: Record<string, string>;
  /** The artist's main genre, as the data file records it (rock, jazz, k-pop, …). */
  genre?: string;
  popularity: number;
  albums: AlbumSeed[];
}

export interface CatalogArtist {
  id: string;
  name: string;
  popularity: number;
  followers: number;
  /** The name and the localized names, normalised (search-query.ts `normalize`): what search matches. */
  searchNames: string[];
  /** A synthetic benchmark artist: search ranks every real artist before it. */
  generated: boolean;
}

export interface CatalogAlbum {
  id: string;
  name: string;
  albumType: AlbumType;
  releaseDate: string;
  precision: DatePrecision;
  totalTracks: number;
  label: string;
  artistIds: string[];
  featuredArtistIds: string[];
  popularity: number;
  upc: string;
  searchName: string;
  /** Normalised names of the primary artists, localized names included. */
  artistSearchNames: string[];
  /** Album name and primary artist names together, for queries that mix both. */
  searchText: string;
  /** A synthetic benchmark album: search ranks every real album before it. */
  generated: boolean;
}

export interface CatalogTrack {
  id: string;
  name: string;
  durationMs: number;
  explicit: boolean;
  discNumber: number;
  trackNumber: number;
}

export interface DiscographyEntry {
  album: CatalogAlbum;
  group: AlbumGroup;
}
