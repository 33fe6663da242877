import {
  jobCatalog,
  leaderboardRecomputeJobOptions,
  type LeaderboardWindow,
} from '@albumboard/queue-contracts';
import type { Job, Queue } from 'bullmq';

const JOB_NAME = 'leaderboard.recompute';

export interface EnqueueRecomputeOptions {
  requestId?: string;
  /** Default LEADERBOARD_RECOMPUTE_DEBOUNCE_MS (queue-contracts). */
  debounceMs?: number;
}

/**
 * Asks for a recompute of `window` soon, deduplicated per window (see queue-contracts' leaderboard-dedup):
 * a burst of calls costs at most one running and one pending recompute, and the last call is never dropped.
 * Resolves with the job that will do it (an existing one when the call was deduplicated).
 */
export async function enqueueLeaderboardRecompute(queue: Queue, window: LeaderboardWindow, options: EnqueueRecomputeOptions = {}): Promise<Job> {
  const payload = jobCatalog[JOB_NAME].payload.parse({ window, requestId: options.requestId });
  return queue.add(JOB_NAME, payload, { ...jobCatalog[JOB_NAME].options, ...leaderboardRecomputeJobOptions(window, options.debounceMs) });
}
