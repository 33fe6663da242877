import type { z } from 'zod';
import { QueueName } from '../queue-names';
import { spotifyCallPayloadSchema, spotifyCallResultSchema } from '../spotify/spotify-call.job';
import {
  catalogRefreshAlbumPayloadSchema,
  catalogRefreshAlbumResultSchema,
  catalogRefreshStalePayloadSchema,
  catalogRefreshStaleResultSchema,
  catalogUpsertAlbumsPayloadSchema,
  catalogUpsertAlbumsResultSchema,
} from './catalog-jobs';
import type { JobDefinition } from './job-definition';
import { leaderboardRecomputePayloadSchema, leaderboardRecomputeResultSchema } from './leaderboard-jobs';
import { systemPingPayloadSchema, systemPingResultSchema } from './system-ping.job';

/**
 * Finished jobs kept for operators (the dashboard, `pnpm check`), by small counts: BullMQ applies `removeOnComplete`
 * and `removeOnFail` when a later job of the queue finishes, not on a timer, so after traffic stops the count, not the
 * age, bounds what stays in Redis. 50 completed catalogue jobs are ~0.1 MB; failed ones are kept longer, for diagnosis.
 */
const keepFinished = { removeOnComplete: { age: 3600, count: 50 }, removeOnFail: { age: 7 * 24 * 3600, count: 100 } };

/**
 * Every job albumboard runs: name → queue, payload and result schemas, default options.
 * Producers parse the payload before `add`; consumers parse `job.data` again. A job name is stored in Redis
 * with each job: like queue names, never rename one.
 */
export const jobCatalog = {
  'spotify.call': {
    queue: QueueName.Spotify,
    payload: spotifyCallPayloadSchema,
    result: spotifyCallResultSchema,
    // One attempt: transient failures are retried inside the client, within the caller's deadline;
    // 429s hold the queue without consuming an attempt.
    // `removeOnComplete: true`: the result is kept in one place only, the `completed` entry of the queue's events stream
    // (BullMQ writes the return value there anyway), which the waiters read — not in the job hash as well.
    options: { attempts: 1, ...keepFinished, removeOnComplete: true },
    description: 'Call one Spotify Web API method from the closed list, inside the budget.',
  },
  'spotify.ping': {
    queue: QueueName.Spotify,
    payload: systemPingPayloadSchema,
    result: systemPingResultSchema,
    options: { attempts: 1, removeOnComplete: { age: 60, count: 100 }, removeOnFail: { age: 3600, count: 100 } },
    description: 'Round-trip probe answered by worker-spotify without calling Spotify.',
  },
  'default.ping': {
    queue: QueueName.Default,
    payload: systemPingPayloadSchema,
    result: systemPingResultSchema,
    options: { attempts: 1, removeOnComplete: { age: 60, count: 100 }, removeOnFail: { age: 3600, count: 100 } },
    description: 'Round-trip probe answered by worker-default.',
  },
  'leaderboard.ping': {
    queue: QueueName.Leaderboard,
    payload: systemPingPayloadSchema,
    result: systemPingResultSchema,
    options: { attempts: 1, removeOnComplete: { age: 60, count: 100 }, removeOnFail: { age: 3600, count: 100 } },
    description: 'Round-trip probe answered by worker-leaderboard.',
  },
  'catalog.upsert-albums': {
    queue: QueueName.Default,
    payload: catalogUpsertAlbumsPayloadSchema,
    result: catalogUpsertAlbumsResultSchema,
    options: { attempts: 5, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 }, ...keepFinished },
    description: 'Store albums seen in search answers in the catalogue.',
  },
  'catalog.refresh-album': {
    queue: QueueName.Default,
    payload: catalogRefreshAlbumPayloadSchema,
    result: catalogRefreshAlbumResultSchema,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 5000, jitter: 0.5 }, ...keepFinished },
    description: 'Refresh one stale catalogue entry through the spotify queue at background priority.',
  },
  'catalog.refresh-stale': {
    queue: QueueName.Default,
    payload: catalogRefreshStalePayloadSchema,
    result: catalogRefreshStaleResultSchema,
    // One attempt: the next scheduled run lists the same entries again.
    options: { attempts: 1, removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 24 * 3600, count: 100 } },
    description: 'Enqueue a catalog.refresh-album for each of the oldest entries past CATALOG_REFRESH_AFTER_DAYS (scheduled).',
  },
  'leaderboard.recompute': {
    queue: QueueName.Leaderboard,
    payload: leaderboardRecomputePayloadSchema,
    result: leaderboardRecomputeResultSchema,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 2000, jitter: 0.5 }, ...keepFinished },
    description: 'Rebuild one leaderboard window and swap it in atomically.',
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobCatalog;
export type JobPayload<N extends JobName> = z.output<(typeof jobCatalog)[N]['payload']>;
export type JobPayloadInput<N extends JobName> = z.input<(typeof jobCatalog)[N]['payload']>;
export type JobResult<N extends JobName> = z.output<(typeof jobCatalog)[N]['result']>;
/** The job names that run on queue `Q`. */
export type JobNameOf<Q extends QueueName> = {
  [N in JobName]: (typeof jobCatalog)[N]['queue'] extends Q ? N : never;
}[JobName];

export const JOB_NAMES = Object.keys(jobCatalog) as JobName[];

export function isJobName(value: unknown): value is JobName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(jobCatalog, value);
}

/** The job names that run on `queue`. */
export function jobNamesOf<Q extends QueueName>(queue: Q): JobNameOf<Q>[] {
  return JOB_NAMES.filter((name) => jobCatalog[name].queue === queue) as JobNameOf<Q>[];
}

/** Parses a payload for `name`; throws a ZodError on bad input. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return jobCatalog[name].payload.parse(data) as JobPayload<N>;
}
