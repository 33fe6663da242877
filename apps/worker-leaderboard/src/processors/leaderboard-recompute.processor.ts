import type { JobHandler } from '@albumboard/worker-runtime';
import type { LeaderboardRecomputeService } from '../services/leaderboard-recompute.service';

/** `leaderboard.recompute` {window}: the runtime checked the payload; the service does the work. */
export function leaderboardRecomputeProcessor(service: LeaderboardRecomputeService): JobHandler<'leaderboard.recompute'> {
  return (payload, job) => service.recompute(payload.window, { jobId: job.id, requestId: payload.requestId });
}
