import type { Logger } from '@albumboard/observability';
import type { RedisConnection } from '@albumboard/redis-connection';
import { CatalogProducer } from './catalog-producer';
import { LeaderboardProducer } from './leaderboard-producer';

/** The background work the API hands to workers; fire-and-log, never part of an answer. */
export interface BackgroundJobs {
  leaderboard: LeaderboardProducer;
  catalog: CatalogProducer;
  /** Closes the producers' queues (not the connection). */
  close(): Promise<void>;
}

/** Producers for queues `leaderboard` and `default` on the API's fail-fast Redis connection. */
export function createBackgroundJobs(connection: RedisConnection, prefix: string, logger: Logger): BackgroundJobs {
  const leaderboard = new LeaderboardProducer({ connection, prefix, logger });
  const catalog = new CatalogProducer({ connection, prefix, logger });
  return {
    leaderboard,
    catalog,
    close: async () => {
      await Promise.all([leaderboard.close(), catalog.close()]);
    },
  };
}
