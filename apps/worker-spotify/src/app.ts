import type { Logger } from '@albumboard/observability';
import { QueueName } from '@albumboard/queue-contracts';
import { CooldownStore, SpotifyClient } from '@albumboard/spotify-client';
import { createQueue, createQueueWorker, workerIdentity, type RunningQueueWorker } from '@albumboard/worker-runtime';
import type { Queue, Worker } from 'bullmq';
import type { RedisConnection } from '@albumboard/redis-connection';
import { PauseStore } from './budget/pause-store';
import { RedisBudgetGate } from './budget/redis-budget-gate';
import type { SpotifyWorkerConfig } from './config';
import { spotifyCallProcessor } from './processors/spotify-call.processor';
import { SpotifyCallService } from './services/spotify-call.service';
import { UpstreamRequestCounter } from './services/upstream-request-counter';
import { SpotifyStatsRecorder } from './ops/spotify-stats.recorder';
import { UpstreamLatencyTracker } from './services/upstream-latency-tracker';

export interface SpotifyWorkerDeps {
  config: SpotifyWorkerConfig;
  /** A worker connection (`maxRetriesPerRequest: null`); not closed by `close()`. */
  connection: RedisConnection;
  logger: Logger;
  /** A ready-made client (tests); by default one is built from the config with the budget gate. */
  client?: SpotifyClient;
  /** `<name>@<hostname>:<pid>`; stored on each job as `processedBy`. */
  workerId?: string;
}

export interface SpotifyWorker extends RunningQueueWorker {
  worker: Worker;
  queue: Queue;
  gate: RedisBudgetGate;
  close(): Promise<void>;
}

/**
 * Limiter set on the queue and on each worker. It never limits anything by itself (a million jobs a second), but
 * BullMQ only honours `queue.rateLimit(ms)` — the hold after a 429 — in workers that see a limiter (worker option or
 * the queue's global rate limit). With both, every worker-spotify process stops fetching jobs while the hold lasts.
 */
export const HOLD_ONLY_LIMITER = { max: 1_000_000, duration: 1_000 } as const;

/**
 * Starts worker-spotify's consumer of the `spotify` queue: the only place Spotify is called. Sets the queue's global
 * concurrency (requests in flight across all processes: each job sends its requests one after another), builds the
 * Redis budget gate and the client behind it, and returns the running worker.
 */
export async function createSpotifyWorker(deps: SpotifyWorkerDeps): Promise<SpotifyWorker> {
  const { config, connection } = deps;
  const prefix = config.queuePrefix;
  const logger = deps.logger.child({ component: 'spotify-worker', queue: QueueName.Spotify });
  const queue = createQueue(QueueName.Spotify, { connection, prefix, logger });
  await queue.setGlobalConcurrency(config.concurrency);
  await queue.setGlobalRateLimit(HOLD_ONLY_LIMITER.max, HOLD_ONLY_LIMITER.duration);

  // Spotify's typical response time, learned from the answers: the gate's and the api's admission's deadline checks.
  const latency = new UpstreamLatencyTracker({ redis: connection, prefix, logger });
  const gate = new RedisBudgetGate({
    redis: connection,
    prefix,
    budget: config.budgetPer30s,
    windowMs: config.budgetWindowMs,
    adaptive: config.adaptiveBudget,
    backgroundShare: config.backgroundShare,
    prioritizedKey: queue.keys.prioritized,
    latency,
    logger,
  });
  const counter = new UpstreamRequestCounter();
  // Operations numbers for the api's /api/v1/status and /metrics: budget settings, upstream answers, 429s.
  const stats = new SpotifyStatsRecorder(connection, prefix, logger);
  const workerId = deps.workerId ?? workerIdentity('worker-spotify');
  await stats.publishBudgetConfig({
    budget: config.budgetPer30s,
    windowMs: config.budgetWindowMs,
    concurrency: config.concurrency,
    maxRetryAfterMs: config.maxRetryAfterMs,
    workerId,
  });
  const client =
    deps.client ??
    new SpotifyClient({
      ...config.spotify,
      gate: counter.wrap(gate),
      logger,
      onUpstreamResponse: (info) => {
        stats.record(info);
        latency.observe(info);
      },
    });
  const service = new SpotifyCallService({
    client,
    queue,
    pauses: new PauseStore(connection, prefix),
    gate,
    cooldowns: new CooldownStore(connection, prefix),
    counter,
    maxRetryAfterMs: config.maxRetryAfterMs,
    logger,
  });
  const worker = createQueueWorker({
    queue: QueueName.Spotify,
    connection,
    prefix,
    workerId,
    logger,
    handlers: { 'spotify.call': spotifyCallProcessor(service) },
    options: { concurrency: config.concurrency, limiter: HOLD_ONLY_LIMITER, ...config.stalledJobs },
  });
  // Stage `processing`: from the worker taking the job to its completion (or failure).
  const processed = (job: { processedOn?: number; finishedOn?: number } | undefined): void => {
    if (job?.processedOn && job.finishedOn) stats.stage('processing', (job.finishedOn - job.processedOn) / 1000);
  };
  worker.on('completed', processed);
  worker.on('failed', processed);
  return {
    worker,
    queue,
    gate,
    close: async () => {
      await worker.close();
      await stats.close();
      await queue.close();
    },
  };
}
