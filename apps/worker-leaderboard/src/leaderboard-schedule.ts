import { jobCatalog, leaderboardSchedulerId, leaderboardWindowSchema } from '@albumboard/queue-contracts';
import type { Queue } from 'bullmq';

/**
 * Registers (or updates: upsert is idempotent, every process may call it at start-up) one job scheduler per window,
 * `leaderboard.recompute:<window>`, producing a `leaderboard.recompute` job every `everyMs`.
 */
export async function registerLeaderboardSchedulers(queue: Queue, everyMs: number): Promise<void> {
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobCatalog['leaderboard.recompute'].options;
  for (const window of leaderboardWindowSchema.options) {
    await queue.upsertJobScheduler(
      leaderboardSchedulerId(window),
      { every: everyMs },
      { name: 'leaderboard.recompute', data: { window }, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
    );
  }
}
