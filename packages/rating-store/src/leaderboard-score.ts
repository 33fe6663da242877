/**
 * The leaderboard score is a Bayesian average: score = (C * m + sum) / (C + n), where n and sum
 * are the album's rating count and score total. The prior pulls albums with few ratings towards
 * m, so one 10/10 ((30 + 10) / 6 = 6.67) does not outrank ten 8/10 ((30 + 80) / 15 = 7.33).
 * These constants mirror albumboard_private.bayesian_score() in the migrations.
 */
export const LEADERBOARD_PRIOR_MEAN = 6;
export const LEADERBOARD_PRIOR_WEIGHT = 5;

/** The Bayesian average for `count` ratings summing to `sum` (unrounded). */
export function bayesianScore(sum: number, count: number): number {
  return (LEADERBOARD_PRIOR_WEIGHT * LEADERBOARD_PRIOR_MEAN + sum) / (LEADERBOARD_PRIOR_WEIGHT + count);
}
