import type { LeaderboardPage, LeaderboardWindow, PageOptions, RatingStore } from '@albumboard/rating-store';

/** Reads the current boards. They are computed by worker-leaderboard (`leaderboard.recompute`), never here. */
export class LeaderboardService {
  constructor(private readonly store: RatingStore) {}

  page(window: LeaderboardWindow, page: Required<PageOptions>): Promise<LeaderboardPage> {
    return this.store.getLeaderboard(window, page);
  }
}
