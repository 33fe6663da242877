import type { Logger } from '@albumboard/observability';
import type { MemoryRelief, RedisConnection } from '@albumboard/redis-connection';
import { CatalogProducer } from './catalog-producer';
import { LeaderboardProducer } from './leaderboard-producer';

/** The background work the API hands to workers; fire-and-log, never part of an answer. */
export interface BackgroundJobs {
  leaderboard: LeaderboardProducer;
  catalog: CatalogProducer;
  /** Closes the producers' queues (not the connection). */
  close(): Promise<void>;
}

/**
 * Producers for queues `leaderboard` and `default` on the API's fail-fast Redis connection; an add refused because
 * Redis is out of memory is tried once more after `relieveMemory` (the search cache's `shed`, when it shares the server).
 */
export function createBackgroundJobs(connection: RedisConnection, prefix: string, logger: Logger, relieveMemory?: MemoryRelief): BackgroundJobs {
  const leaderboard = new LeaderboardProducer({ connection, prefix, logger, relieveMemory });
  const catalog = new CatalogProducer({ connection, prefix, logger, relieveMemory });
  return {
    leaderboard,
    catalog,
    close: async () => {
      await Promise.all([leaderboard.close(), catalog.close()]);
    },
  };
}
