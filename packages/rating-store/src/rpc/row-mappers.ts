import { z } from 'zod';
import type {
  AlbumInfo,
  AlbumWithSummary,
  LeaderboardBoard,
  LeaderboardPage,
  LeaderboardWindow,
  Rating,
  StaleAlbum,
  UserRatingsPage,
} from '../rating-store.types';
import { RatingStoreError } from '../rating-store.errors';

// node-postgres returns numeric/bigint as strings and timestamptz as Date, PostgREST JSON numbers
// and ISO strings: every shape is accepted and normalised here.
const num = z.union([z.number(), z.string(), z.bigint()]).transform(Number).pipe(z.number().finite());
const date = z.union([z.date(), z.string()]).transform((v) => new Date(v)).pipe(z.date());
const text = z.string();
const artists = z.array(z.object({ id: z.string(), name: z.string() }));

const ratingRow = z.object({
  user_id: text,
  album_id: text,
  score: num,
  created_at: date,
  updated_at: date,
});

/** A row of get_user_ratings: the count on every row; the rating columns null on the one row of an empty page. */
const userRatingRow = z.object({
  total: num,
  user_id: text.nullable(),
  album_id: text.nullable(),
  score: num.nullable(),
  created_at: date.nullable(),
  updated_at: date.nullable(),
  album_name: text.nullable(),
  artists: artists.nullable(),
  image_url: text.nullable(),
});

const albumColumns = {
  name: text,
  artists,
  image_url: text.nullable(),
  release_date: text.nullable(),
  album_type: text.nullable(),
  total_tracks: num.nullable(),
  spotify_url: text.nullable(),
};

const albumSummaryRow = z.object({
  id: text,
  ...albumColumns,
  refreshed_at: date,
  created_at: date,
  rating_count: num,
  average: num.nullable(),
  score: num.nullable(),
});

const staleAlbumRow = z.object({ id: text, refreshed_at: date });

export function toStaleAlbums(rows: unknown[]): StaleAlbum[] {
  return parseRows('get_stale_album_ids', staleAlbumRow, rows).map((r) => ({ id: r.id, refreshedAt: r.refreshed_at }));
}

const boardRow = z.object({ time_window: text, version: num, computed_at: date, entry_count: num });

const leaderboardRow = z.object({
  time_window: text,
  board_version: num,
  computed_at: date.nullable(),
  total: num,
  rank: num.nullable(),
  album_id: text.nullable(),
  score: num.nullable(),
  rating_count: num.nullable(),
  average: num.nullable(),
  name: text.nullable(),
  artists: artists.nullable(),
  image_url: text.nullable(),
  release_date: text.nullable(),
  album_type: text.nullable(),
  total_tracks: num.nullable(),
  spotify_url: text.nullable(),
});

type LeaderboardRow = z.output<typeof leaderboardRow>;

function parseRows<T>(fn: string, schema: z.ZodType<T>, rows: unknown[]): T[] {
  const parsed = z.array(schema).safeParse(rows);
  if (parsed.success) return parsed.data;
  throw new RatingStoreError('internal', `${fn}: unexpected result shape from the database`, { operation: fn });
}

export function toRating(rows: unknown[]): Rating {
  const [row] = parseRows('submit_rating', ratingRow, rows);
  if (!row) throw new RatingStoreError('internal', 'submit_rating: no row returned', { operation: 'submit_rating' });
  return {
    userId: row.user_id,
    albumId: row.album_id,
    score: row.score,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Rows of get_user_ratings: one per rating of the page, or one row carrying only the count when the page is empty. */
export function toUserRatingsPage(page: { limit: number; offset: number }, rows: unknown[]): UserRatingsPage {
  const parsed = parseRows('get_user_ratings', userRatingRow, rows);
  const items = parsed.flatMap((r) => {
    const { user_id: userId, album_id: albumId, score, created_at: createdAt, updated_at: updatedAt } = r;
    if (userId === null || albumId === null || score === null || createdAt === null || updatedAt === null) return [];
    if (r.album_name === null || r.artists === null) return [];
    return [{ userId, albumId, score, createdAt, updatedAt, album: { id: albumId, name: r.album_name, artists: r.artists, imageUrl: r.image_url } }];
  });
  return { total: parsed[0]?.total ?? 0, limit: page.limit, offset: page.offset, items };
}

export function toAlbumWithSummary(rows: unknown[]): AlbumWithSummary | null {
  const [r] = parseRows('get_album_summary', albumSummaryRow, rows);
  if (!r) return null;
  return {
    album: {
      id: r.id,
      name: r.name,
      artists: r.artists,
      imageUrl: r.image_url,
      releaseDate: r.release_date,
      albumType: r.album_type,
      totalTracks: r.total_tracks,
      spotifyUrl: r.spotify_url,
      refreshedAt: r.refreshed_at,
      createdAt: r.created_at,
    },
    summary: { ratingCount: r.rating_count, average: r.average, score: r.score },
  };
}

export function toBoard(window: LeaderboardWindow, rows: unknown[]): LeaderboardBoard {
  const [r] = parseRows('recompute_leaderboard', boardRow, rows);
  if (!r) {
    throw new RatingStoreError('internal', 'recompute_leaderboard: no row returned', {
      operation: 'recompute_leaderboard',
    });
  }
  return { window, version: r.version, computedAt: r.computed_at, entryCount: r.entry_count };
}

function toAlbumInfo(r: LeaderboardRow, albumId: string): AlbumInfo {
  return {
    id: albumId,
    name: r.name ?? '',
    artists: r.artists ?? [],
    imageUrl: r.image_url,
    releaseDate: r.release_date,
    albumType: r.album_type,
    totalTracks: r.total_tracks,
    spotifyUrl: r.spotify_url,
  };
}

/** Rows of get_leaderboard: a header row with null entry columns, or one row per entry. */
export function toLeaderboardPage(
  window: LeaderboardWindow,
  page: { limit: number; offset: number },
  rows: unknown[],
): LeaderboardPage {
  const parsed = parseRows('get_leaderboard', leaderboardRow, rows);
  const head = parsed[0];
  const entries = parsed.flatMap((r) => {
    const { rank, album_id: albumId, score, rating_count: ratingCount, average, computed_at: computedAt } = r;
    if (rank === null || albumId === null || score === null || ratingCount === null) return [];
    if (average === null || computedAt === null) return [];
    const album = toAlbumInfo(r, albumId);
    return [{ rank, album, score, ratingCount, average, computedAt, boardVersion: r.board_version }];
  });
  return {
    window,
    boardVersion: head?.board_version ?? 0,
    computedAt: head?.computed_at ?? null,
    total: head?.total ?? 0,
    limit: page.limit,
    offset: page.offset,
    entries,
  };
}
