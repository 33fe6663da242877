import { catalogFieldsOf, type AlbumInfo, type AlbumWithSummary, type LeaderboardPage, type Rating, type UserRatingsPage } from '@albumboard/rating-store';
import type { AlbumResponse, AlbumView } from '../schemas/album.schema';
import type { LeaderboardResponse } from '../schemas/leaderboard.schema';
import { MAX_STORED_LIST_OFFSET, pageFields } from '../schemas/page.schema';
import type { RatingResponse, UserRatingsResponse } from '../schemas/rating.schema';

/** Store records → the API's JSON answers (dates as ISO strings, only the documented fields). */

export function albumView(album: AlbumInfo): AlbumView {
  return catalogFieldsOf(album);
}

export function ratingView(rating: Rating): RatingResponse {
  return {
    albumId: rating.albumId,
    userId: rating.userId,
    score: rating.score,
    createdAt: rating.createdAt.toISOString(),
    updatedAt: rating.updatedAt.toISOString(),
  };
}

export function userRatingsView(page: UserRatingsPage): UserRatingsResponse {
  return {
    items: page.items.map((r) => ({
      albumId: r.albumId,
      score: r.score,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      album: { id: r.album.id, name: r.album.name, artists: r.album.artists.map((a) => ({ id: a.id, name: a.name })), imageUrl: r.album.imageUrl },
    })),
    ...pageFields(page, page.total, MAX_STORED_LIST_OFFSET),
  };
}

export function albumResponseView(entry: AlbumWithSummary): AlbumResponse {
  return {
    album: { ...albumView(entry.album), refreshedAt: entry.album.refreshedAt.toISOString() },
    summary: { ratingCount: entry.summary.ratingCount, average: entry.summary.average, score: entry.summary.score },
  };
}

export function leaderboardView(page: LeaderboardPage): LeaderboardResponse {
  return {
    window: page.window,
    boardVersion: page.boardVersion,
    computedAt: page.computedAt?.toISOString() ?? null,
    items: page.entries.map((e) => ({
      rank: e.rank,
      album: albumView(e.album),
      score: e.score,
      ratingCount: e.ratingCount,
      average: e.average,
      computedAt: e.computedAt.toISOString(),
    })),
    ...pageFields(page, page.total, MAX_STORED_LIST_OFFSET),
  };
}
