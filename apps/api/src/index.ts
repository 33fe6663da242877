// First: instruments the modules the others load.
import { tracing } from './instrumentation';
import { loadConfigOrExit } from '@albumboard/env-config';
import { createLogger, redactConfig } from '@albumboard/observability';
import type { RatingStore } from '@albumboard/rating-store';
import { connectAndPing, createRedisConnection, logConnectionErrors, RedisStartupError } from '@albumboard/redis-connection';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { authSettingsOf } from './auth/auth-settings';
import { loadConfig } from './config';
import { openRatingStore } from './rating-store-connection';
import { openSearchCache, type OpenedSearchCache } from './search-cache-connection';
import { createBackgroundJobs } from './services/background-jobs';
import { buildSpotifyCaller } from './spotify-caller';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(process.env));
  const logger = createLogger({ name: 'api', level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
  const safeConfig = redactConfig(config);
  logger.info({ config: safeConfig }, 'starting albumboard api');
  // A stop asked for while starting (Ctrl-C right after an edit under `pnpm dev`): nothing is served yet, so stop
  // cleanly (exit 0) instead of being killed by the signal. Replaced by the full shutdown once listening.
  const stopWhileStarting = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'stopped while starting');
    process.exit(0);
  };
  process.once('SIGTERM', stopWhileStarting);
  process.once('SIGINT', stopWhileStarting);

  const redis = createRedisConnection(config.redis, 'request', logger);
  logConnectionErrors(redis, logger.child({ component: 'redis' }));
  try {
    await connectAndPing(redis, config.redis);
  } catch (error) {
    if (!(error instanceof RedisStartupError)) throw error;
    logger.fatal(error.message);
    process.exit(1);
  }

  let cache: OpenedSearchCache;
  try {
    cache = await openSearchCache(config, redis, logger);
  } catch (error) {
    if (!(error instanceof RedisStartupError)) throw error;
    logger.fatal(`CACHE_REDIS_URL: ${error.message}`);
    redis.disconnect();
    process.exit(1);
  }

  let ratings: RatingStore;
  try {
    ratings = await openRatingStore(config, logger);
  } catch (error) {
    logger.fatal(`the ratings database cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
    redis.disconnect();
    await cache.close();
    process.exit(1);
  }
  const auth = authSettingsOf(config);
  if (auth.mode === 'dev') {
    logger.warn(
      'DEV AUTH IS ON: no SUPABASE_URL or SUPABASE_JWT_SECRET is set, so tokens signed with the public dev secret ' +
        '(`pnpm run -s token <name>`) are accepted. Never expose this api to untrusted users.',
    );
  } else logger.info({ issuer: auth.issuer, audience: auth.audience, jwks: auth.jwksUrl !== null, hs256: auth.secret !== null }, 'supabase auth');

  const spotify = buildSpotifyCaller(config, redis, logger.child({ component: 'spotify-caller' }), cache.relieveQueueMemory);
  const jobs = createBackgroundJobs(redis, config.QUEUE_PREFIX, logger, cache.relieveQueueMemory);
  const app = createApp({ config, redis, spotify, logger, ratings, jobs, searchCache: cache.store });
  const server = app.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(`albumboard api listening on http://${config.HOST}:${port} (spotify calls: ${config.SPOTIFY_CALL_MODE})`);
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, `cannot listen on ${config.HOST}:${config.PORT}`);
    process.exit(1);
  });

  // One shutdown per process: a later signal of another kind (the terminal's SIGINT and a launcher's SIGTERM for one
  // Ctrl-C) joins it; the same signal again (a second Ctrl-C) exits at once.
  let closing: NodeJS.Signals | undefined;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing === signal) process.exit(1);
    if (closing) return;
    closing = signal;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
    try {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await spotify.close();
      await jobs.close();
      await ratings.close();
      await cache.close();
      await redis.quit().catch(() => redis.disconnect());
      await tracing.shutdown();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.off('SIGTERM', stopWhileStarting);
  process.off('SIGINT', stopWhileStarting);
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`albumboard api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
