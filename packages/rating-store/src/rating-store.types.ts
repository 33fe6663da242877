/** Leaderboard windows: `all` ranks every rating, `week` only ratings changed in the last 7 days. */
export const LEADERBOARD_WINDOWS = ['all', 'week'] as const;
export type LeaderboardWindow = (typeof LEADERBOARD_WINDOWS)[number];

/** Which storage the store talks to. */
export type RatingStoreBackend = 'supabase' | 'postgres';

/** An artist as stored in the catalogue. */
export interface ArtistRef {
  id: string;
  name: string;
}

/** Catalogue fields of an album, as written by `upsertAlbums` (optional fields default to null). */
export interface AlbumInput {
  /** Spotify album id: 22 base62 characters. */
  id: string;
  name: string;
  artists: ArtistRef[];
  imageUrl?: string | null;
  releaseDate?: string | null;
  albumType?: string | null;
  totalTracks?: number | null;
  spotifyUrl?: string | null;
}

/** Catalogue fields of an album as read back (every field present). */
export interface AlbumInfo {
  id: string;
  name: string;
  artists: ArtistRef[];
  imageUrl: string | null;
  releaseDate: string | null;
  albumType: string | null;
  totalTracks: number | null;
  spotifyUrl: string | null;
}

/** A catalogue entry with its bookkeeping timestamps. */
export interface Album extends AlbumInfo {
  refreshedAt: Date;
  createdAt: Date;
}

/** A catalogue entry due for a refresh (`listStaleAlbums`). */
export interface StaleAlbum {
  id: string;
  refreshedAt: Date;
}

/** Rating summary of one album over all ratings. `average`/`score` are null without ratings. */
export interface RatingSummary {
  ratingCount: number;
  /** Plain mean of the scores, 4 decimals. */
  average: number | null;
  /** Bayesian average (see README), 4 decimals: the value the `all` leaderboard ranks by. */
  score: number | null;
}

export interface AlbumWithSummary {
  album: Album;
  summary: RatingSummary;
}

/** One user's score for one album. */
export interface Rating {
  userId: string;
  albumId: string;
  score: number;
  createdAt: Date;
  /** Moves forward whenever the score changes; re-sending the same score leaves it alone. */
  updatedAt: Date;
}

/** A rating listed for its user, with the album basics. */
export interface UserRating extends Rating {
  album: Pick<AlbumInfo, 'id' | 'name' | 'artists' | 'imageUrl'>;
}

/** One page of a user's ratings, most recently changed first. */
export interface UserRatingsPage {
  /** Number of ratings the user has. */
  total: number;
  limit: number;
  offset: number;
  items: UserRating[];
}

export interface PageOptions {
  /** 1..100, default 20. */
  limit?: number;
  /** 0..10000, default 0. */
  offset?: number;
}

export interface LeaderboardEntry {
  rank: number;
  album: AlbumInfo;
  /** Bayesian average, 4 decimals. */
  score: number;
  ratingCount: number;
  /** Plain mean, 4 decimals. */
  average: number;
  computedAt: Date;
  boardVersion: number;
}

/** One page of the current board of a window; every entry comes from the same board version. */
export interface LeaderboardPage {
  window: LeaderboardWindow;
  /** 0 and `computedAt` null until the board was first computed. */
  boardVersion: number;
  computedAt: Date | null;
  /** Number of entries on the whole board. */
  total: number;
  limit: number;
  offset: number;
  entries: LeaderboardEntry[];
}

/** Result of a recomputation: the board now current for the window. */
export interface LeaderboardBoard {
  window: LeaderboardWindow;
  version: number;
  computedAt: Date;
  entryCount: number;
}

/**
 * Data access for ratings, the album catalogue and leaderboards. Every method validates its
 * inputs first and throws `RatingStoreValidationError` without touching the database; database
 * and transport failures surface as `RatingStoreError` with a `code`.
 */
export interface RatingStore {
  /** The back end serving it; `none` for a stand-in that serves nothing (an app built without a store). */
  readonly backend: RatingStoreBackend | 'none';
  /** Safe description of the target (never contains a key or password). */
  readonly description: string;
  /** Insert or update the user's score (1..10) for a catalogued album. Idempotent. */
  submitRating(userId: string, albumId: string, score: number): Promise<Rating>;
  /** True when a rating was deleted, false when there was none. */
  deleteRating(userId: string, albumId: string): Promise<boolean>;
  /** One page of the user's ratings, most recently changed first, with how many there are. */
  listUserRatings(userId: string, page?: PageOptions): Promise<UserRatingsPage>;
  /** Insert or refresh catalogue entries (max 500 per call); returns how many were written. */
  upsertAlbums(albums: AlbumInput[]): Promise<number>;
  /** Catalogue entry with its rating summary, or null when the album is not catalogued. */
  getAlbum(albumId: string): Promise<AlbumWithSummary | null>;
  /** Entries refreshed more than `olderThanSeconds` ago, oldest first, at most `limit` (1..500, default 100). */
  listStaleAlbums(olderThanSeconds: number, limit?: number): Promise<StaleAlbum[]>;
  /** Recompute a window's board and swap it in atomically. */
  recomputeLeaderboard(window: LeaderboardWindow): Promise<LeaderboardBoard>;
  /** One page of the current board (empty with `computedAt: null` before the first recompute). */
  getLeaderboard(window: LeaderboardWindow, page?: PageOptions): Promise<LeaderboardPage>;
  /** Resolves when the data layer answers; rejects with a `RatingStoreError` otherwise. */
  ping(): Promise<void>;
  /** Release connections (an injected pool is left open). */
  close(): Promise<void>;
}
