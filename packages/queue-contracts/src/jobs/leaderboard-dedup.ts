import type { LeaderboardWindow } from './leaderboard-jobs';

/**
 * How producers enqueue `leaderboard.recompute` (the api after a rating, worker-leaderboard's schedule),
 * so all of them share one deduplication per window. Data only: each producer passes these options to BullMQ.
 *
 * Design ("batch, and never drop the last one"):
 * - `delay`: the first trigger of a burst schedules a recompute LEADERBOARD_RECOMPUTE_DEBOUNCE_MS later;
 * - `deduplication.id` per window, no `ttl` (simple mode): while that job waits or is delayed, further triggers
 *   join it — it has not read the ratings yet, so it will include theirs;
 * - `keepLastIfActive: true`: a trigger arriving while the job RUNS (its snapshot may predate the rating) is kept,
 *   and BullMQ adds ONE follow-up job (same options, so also delayed) when the running one finishes.
 * Hence at most one running + one pending recompute per window at any time, and a rating submitted at time t is
 * in a board computed after t. A throttle (`ttl` without keepLastIfActive) could drop the last recompute of a burst.
 */
export const LEADERBOARD_RECOMPUTE_DEBOUNCE_MS = 2_000;

/** The deduplication id of window `window`: `leaderboard.recompute:<window>`. Never rename: it lives in Redis. */
export function leaderboardRecomputeDeduplicationId(window: LeaderboardWindow): `leaderboard.recompute:${LeaderboardWindow}` {
  return `leaderboard.recompute:${window}`;
}

/** Job options for an on-demand recompute of `window` (spread over `jobCatalog['leaderboard.recompute'].options`). */
export function leaderboardRecomputeJobOptions(
  window: LeaderboardWindow,
  debounceMs: number = LEADERBOARD_RECOMPUTE_DEBOUNCE_MS,
): { delay: number; deduplication: { id: string; keepLastIfActive: true } } {
  return { delay: debounceMs, deduplication: { id: leaderboardRecomputeDeduplicationId(window), keepLastIfActive: true } };
}

/** The job scheduler id of the periodic recompute of `window` (same string as the deduplication id). */
export const leaderboardSchedulerId = leaderboardRecomputeDeduplicationId;

/** Default period of the scheduled recompute (LEADERBOARD_RECOMPUTE_EVERY_MS). */
export const LEADERBOARD_RECOMPUTE_EVERY_MS_DEFAULT = 60_000;
