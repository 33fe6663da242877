import type { Logger } from '@albumboard/observability';
import type { JobResult, LeaderboardWindow } from '@albumboard/queue-contracts';
import type { RatingStore } from '@albumboard/rating-store';

/** Rebuilds one leaderboard window in the rating store (the store swaps the new board in atomically). */
export class LeaderboardRecomputeService {
  constructor(
    private readonly store: Pick<RatingStore, 'recomputeLeaderboard'>,
    private readonly logger: Logger,
  ) {}

  async recompute(window: LeaderboardWindow, context: { jobId?: string; requestId?: string } = {}): Promise<JobResult<'leaderboard.recompute'>> {
    const board = await this.store.recomputeLeaderboard(window);
    this.logger.info({ ...context, window, version: board.version, entries: board.entryCount }, 'leaderboard recomputed');
    return { window, entries: board.entryCount, computedAt: board.computedAt.toISOString() };
  }
}
