import { jobCatalog } from '../../src/jobs/job-catalog';
import {
  LEADERBOARD_RECOMPUTE_DEBOUNCE_MS,
  leaderboardRecomputeDeduplicationId,
  leaderboardRecomputeJobOptions,
  leaderboardSchedulerId,
} from '../../src/jobs/leaderboard-dedup';

describe('leaderboard recompute deduplication', () => {
  it('uses one released id per window', () => {
    expect(leaderboardRecomputeDeduplicationId('all')).toBe('leaderboard.recompute:all');
    expect(leaderboardRecomputeDeduplicationId('week')).toBe('leaderboard.recompute:week');
    expect(leaderboardSchedulerId('week')).toBe('leaderboard.recompute:week');
  });

  it('delays, deduplicates without a ttl, and keeps the last trigger that arrives while a recompute runs', () => {
    const options = { ...jobCatalog['leaderboard.recompute'].options, ...leaderboardRecomputeJobOptions('all') };
    expect(options.delay).toBe(LEADERBOARD_RECOMPUTE_DEBOUNCE_MS);
    expect(options.deduplication).toEqual({ id: 'leaderboard.recompute:all', keepLastIfActive: true });
    expect(options.deduplication).not.toHaveProperty('ttl');
    expect(leaderboardRecomputeJobOptions('week', 0).delay).toBe(0);
  });
});
