import type { Logger } from '@albumboard/observability';
import type { QueueName } from '@albumboard/queue-contracts';
import { connectAndPing, createRedisConnection, logConnectionErrors, type RedisConnection, type RedisSettings } from '@albumboard/redis-connection';
import { startHealthServer, type HealthServer } from './health-server';
import type { QueueWorkerContext, RunningQueueWorker } from './queue-worker';
import { formatQueueList } from './queues-arg';
import { closeWorkersWithin, DEFAULT_SHUTDOWN_GRACE_MS } from './shutdown-grace';
import { workerIdentity } from './worker-identity';

/**
 * Opens what a worker needs before it can take jobs (its rating store, say); when that fails, logs one fatal line
 * `<what> unavailable: <reason>` and exits 1 — a worker without it would only fail every job.
 */
export async function openOrExit<T>(logger: Logger, what: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const reason = (error as Error).message;
    logger.fatal({ err: reason }, `${what} unavailable: ${reason}`);
    process.exit(1);
  }
}

/** Starts the consumer of one queue (typically the app's `createXWorker(deps)` from `src/app.ts`). */
export type QueueWorkerFactory = (context: QueueWorkerContext) => Promise<RunningQueueWorker> | RunningQueueWorker;

export interface WorkerProcessOptions {
  /** The app name, e.g. `worker-spotify`. */
  name: string;
  /** The queues to consume (from `parseQueuesArg`). */
  queues: readonly QueueName[];
  /** A factory per queue this app can serve. */
  workers: Partial<Record<QueueName, QueueWorkerFactory>>;
  /** The Redis settings (from the app's config): topology, TLS and QUEUE_PREFIX, the BullMQ key prefix. */
  redis: RedisSettings;
  /** Opens the process's Redis connection; default `createRedisConnection(redis, 'worker')` (`maxRetriesPerRequest: null`). */
  createConnection?: () => RedisConnection;
  logger: Logger;
  /** Serve `GET /healthz` on this port (WORKER_HEALTH_PORT); 0 picks a free port. */
  healthPort?: number;
  /** How long to wait for Redis at start-up (default 5 s). */
  redisTimeoutMs?: number;
  /** Runs after every worker closed, before the connection quits. */
  onShutdown?: () => Promise<void> | void;
  /** The process's tracing (@albumboard/tracing): its last spans are flushed once everything else has closed. */
  tracing?: { shutdown(): Promise<void> };
  /** Install SIGTERM/SIGINT handlers (default true; tests call `stop()` instead). */
  handleSignals?: boolean;
  /** How the process ends (default `process.exit`). */
  exit?: (code: number) => void;
  /** How long `stop()` waits for active jobs before handing them back to the queue (default 25 s). */
  shutdownGraceMs?: number;
}

export interface WorkerProcess {
  workerId: string;
  workers: ReadonlyMap<QueueName, RunningQueueWorker>;
  health?: HealthServer;
  /** Lets active jobs finish, closes everything, then calls `exit(0)` (or `exit(1)` if closing failed). */
  stop(reason?: string): Promise<void>;
}

/**
 * The start-up every worker app shares: logs `Starting worker listening on queues: ['…']`, checks Redis, starts one
 * BullMQ worker per queue (`Listening on <queue>...`), serves /healthz when asked, and closes cleanly on SIGTERM/SIGINT.
 * A start-up failure (Redis down, a queue without a factory) is logged in one plain line and ends with `exit(1)`.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess | undefined> {
  const { logger, queues } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const prefix = options.redis.queuePrefix;
  const workerId = workerIdentity(options.name);
  const running = new Map<QueueName, RunningQueueWorker>();
  let alive = false;
  let health: HealthServer | undefined;
  let stopping: Promise<void> | undefined;

  logger.info({ queues, workerId, prefix }, `Starting worker listening on queues: ${formatQueueList(queues)}`);
  const connection = options.createConnection?.() ?? createRedisConnection(options.redis, 'worker', logger);
  logConnectionErrors(connection, logger, 'Redis connection');

  const closeAll = async (): Promise<void> => {
    alive = false;
    await closeWorkersWithin(running, options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS, logger);
    await health?.close();
    await options.onShutdown?.();
    // QUIT waits for a reply; with Redis gone (and maxRetriesPerRequest: null) it would wait forever.
    if (connection.status === 'ready') await connection.quit();
    else connection.disconnect();
    await options.tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'could not flush the last spans'));
  };

  // Signals are handled from the start: a SIGTERM while the workers start up (a rollout, a crash loop) still closes
  // what has started and exits 0, instead of killing the process mid-job.
  const stop = (reason = 'stop requested'): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason }, 'Shutting down: letting active jobs finish');
      try {
        await closeAll();
        logger.info('Worker stopped');
        exit(0);
      } catch (error) {
        logger.error({ err: error }, 'Shutdown failed');
        exit(1);
      }
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    // Ctrl-C in a terminal can deliver SIGINT (the terminal) and SIGTERM (a launcher) for one stop: a second signal of
    // another kind joins the shutdown in progress; only the same signal again (a second Ctrl-C) forces the exit.
    let firstSignal: NodeJS.Signals | undefined;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (stopping && signal === firstSignal) {
          logger.warn({ signal }, 'Second signal while shutting down: exiting now');
          exit(1);
          return;
        }
        if (stopping) {
          logger.info({ signal }, 'Already shutting down: letting active jobs finish');
          return;
        }
        firstSignal = signal;
        void stop(signal);
      });
    }
  }
  try {
    await connectAndPing(connection, options.redis, options.redisTimeoutMs);
    for (const queue of queues) {
      if (stopping) break;
      const factory = options.workers[queue];
      if (!factory) throw new Error(`${options.name} has no worker for queue "${queue}"`);
      const started = await factory({ queue, connection, prefix, workerId, logger: logger.child({ component: 'worker', queue }) });
      running.set(queue, started);
      await started.worker.waitUntilReady();
      logger.info({ queue }, `Listening on ${queue}...`);
    }
    if (stopping) return { workerId, workers: running, health, stop };
    alive = true;
    if (options.healthPort !== undefined) health = await startHealthServer({ port: options.healthPort, isAlive: () => alive, logger });
  } catch (error) {
    if (stopping) {
      await stopping; // a failure caused by the shutdown under way, not a start-up error
      return undefined;
    }
    logger.fatal({ err: (error as Error).message }, (error as Error).message);
    await closeAll().catch(() => connection.disconnect());
    exit(1);
    return undefined;
  }

  return { workerId, workers: running, health, stop };
}
