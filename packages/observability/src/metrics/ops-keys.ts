import { parseStoredJson } from './stored-json';

/**
 * Redis keys of albumboard's operations data, under the queue prefix P (QUEUE_PREFIX). Workers write them, the api
 * reads them for `GET /api/v1/status`, `GET /metrics` and `pnpm check`, so any number of api processes report the same
 * numbers and no worker needs an open port.
 */
export interface OpsKeys {
  /** JSON {@link SpotifyBudgetConfig}, written by worker-spotify at start (no expiry). */
  spotifyBudgetConfig: string;
  /** Hash `"<endpoint> <status>"` → upstream HTTP requests answered so far (a counter; never reset). */
  spotifyUpstreamRequests: string;
  /** Sorted set of upstream 429 answers (score = epoch ms), trimmed to the last hour on every write. */
  spotifyUpstream429: string;
  /** Hash histogram (see `redis-histogram.ts`) of how long jobs of `queue` waited before a worker took them. */
  queueWait(queue: string): string;
  /** Hash `completed` / `failed` → jobs of `queue` that finished so (a failure only once no retry is left; never reset). */
  queueJobs(queue: string): string;
  /** Hash histogram of one stage of a Spotify call inside worker-spotify (`SPOTIFY_WORKER_STAGES`). */
  spotifyStage(stage: SpotifyWorkerStage): string;
}

/**
 * The stages of a Spotify call that worker-spotify times (the api times `enqueue` and `result_delivery` itself; the
 * queue wait is `queueWait('spotify')`): each upstream HTTP request, and the job from being taken to being completed.
 */
export const SPOTIFY_WORKER_STAGES = ['upstream_request', 'processing'] as const;
export type SpotifyWorkerStage = (typeof SPOTIFY_WORKER_STAGES)[number];

export function opsKeys(prefix: string): OpsKeys {
  return {
    spotifyBudgetConfig: `${prefix}:spotify:budget-config`,
    spotifyUpstreamRequests: `${prefix}:spotify:upstream-requests`,
    spotifyUpstream429: `${prefix}:spotify:upstream-429`,
    queueWait: (queue) => `${prefix}:ops:queue-wait:${queue}`,
    queueJobs: (queue) => `${prefix}:ops:queue-jobs:${queue}`,
    spotifyStage: (stage) => `${prefix}:ops:spotify-stage:${stage}`,
  };
}

/** worker-spotify's budget settings, published at start so operators' views show them next to the spending. */
export interface SpotifyBudgetConfig {
  /** Upstream requests allowed in any window (SPOTIFY_BUDGET_PER_30S). */
  budget: number;
  /** The window in ms (30 000 + SPOTIFY_WINDOW_MARGIN_MS). */
  windowMs: number;
  /** Requests in flight across the deployment (SPOTIFY_CONCURRENCY). */
  concurrency: number;
  /** Longest Retry-After held in the queue before a cool-down (SPOTIFY_MAX_RETRY_AFTER_S in ms). */
  maxRetryAfterMs: number;
  /** `<name>@<host>:<pid>` of the worker that published it. */
  workerId: string;
  /** Epoch ms. */
  publishedAt: number;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Parses the stored JSON; null when absent or not of the expected shape. */
export function parseSpotifyBudgetConfig(raw: string | null): SpotifyBudgetConfig | null {
  const value = parseStoredJson(raw);
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isCount(v.budget) || !isCount(v.windowMs) || !isCount(v.concurrency) || !isCount(v.maxRetryAfterMs)) return null;
  return {
    budget: v.budget,
    windowMs: v.windowMs,
    concurrency: v.concurrency,
    maxRetryAfterMs: v.maxRetryAfterMs,
    workerId: typeof v.workerId === 'string' ? v.workerId : 'unknown',
    publishedAt: isCount(v.publishedAt) ? v.publishedAt : 0,
  };
}

/** The hash field of one upstream answer: `GET /v1/search 200`. */
export function upstreamRequestField(endpoint: string, status: number | string): string {
  return `${endpoint} ${status}`;
}

/** Splits a field written by `upstreamRequestField` back into endpoint and status. */
export function parseUpstreamRequestField(field: string): { endpoint: string; status: string } {
  const cut = field.lastIndexOf(' ');
  return cut < 0 ? { endpoint: field, status: 'unknown' } : { endpoint: field.slice(0, cut), status: field.slice(cut + 1) };
}
