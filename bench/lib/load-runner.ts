import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type AnswerKind, UserDeadlineError, kindFromError } from './answer-kind';
import type { PlannedSearch } from './load-plan';

/**
 * How a design answers one user search. `deadlineAt` (epoch ms) is when the user gives up; a design may use it
 * (albumboard's API has its own timeout, the seed's caller waits that long) or ignore it.
 */
export type SearchFn = (query: string, ctx: SearchContext) => Promise<AnswerKind>;

/** What one search knows beyond its query: when the user gives up, who they are, how long they said they wait. */
export interface SearchContext {
  deadlineAt: number;
  client?: string;
  preferWaitS?: number;
}

export interface AnswerSample {
  query: string;
  /** The planned search's client, when the scenario names one. */
  client?: string;
  /** Epoch ms when the search started. */
  startedAt: number;
  latencyMs: number;
  kind: AnswerKind;
  /** Short reason for non-ok answers (error code or status). */
  detail?: string;
  /** The Retry-After (seconds) a non-ok HTTP answer carried, when the design reports it (albumboard). */
  retryAfterS?: number;
}

export interface LoadRunResult {
  /** Epoch ms of the scenario's start and of the end of its offered load. */
  startedAt: number;
  endedAt: number;
  samples: AnswerSample[];
  /** p99 of the event-loop delay during the run (ms): how busy the measuring process was. */
  eventLoopP99Ms: number;
}

export interface RunLoadOptions {
  plan: readonly PlannedSearch[];
  durationMs: number;
  search: SearchFn;
  /** The user's patience (the API's SPOTIFY_CALL_TIMEOUT_MS): an answer not there by then counts as a 504. */
  userTimeoutMs: number;
  /** Timed actions during the run (e.g. a quota lock-out), ms after the start. */
  events?: { atMs: number; run: () => Promise<void> }[];
}

/** Epoch milliseconds from the monotonic clock (immune to wall-clock steps). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

function detailOf(error: unknown): string {
  const e = error as { code?: unknown; status?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.status === 'number') return `status ${e.status}`;
  return typeof e?.message === 'string' ? e.message.slice(0, 80) : 'unknown';
}

async function runOne(item: PlannedSearch, options: RunLoadOptions): Promise<AnswerSample> {
  const startedAt = nowMs();
  // The user gives up at the deadline (an API gateway timeout); the design's own work may go on behind it.
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UserDeadlineError()), options.userTimeoutMs);
  });
  const ctx: SearchContext = { deadlineAt: startedAt + options.userTimeoutMs, client: item.client, preferWaitS: item.preferWaitS };
  const who = item.client === undefined ? {} : { client: item.client };
  try {
    const kind = await Promise.race([options.search(item.query, ctx), giveUp]);
    return { query: item.query, ...who, startedAt, latencyMs: nowMs() - startedAt, kind };
  } catch (error) {
    const retryAfterS = (error as { retryAfterS?: unknown } | null)?.retryAfterS;
    return {
      query: item.query,
      ...who,
      startedAt,
      latencyMs: nowMs() - startedAt,
      kind: kindFromError(error),
      detail: detailOf(error),
      ...(typeof retryAfterS === 'number' ? { retryAfterS } : {}),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Replays `plan` open-loop against `search` and records one sample per search. */
export async function runLoad(options: RunLoadOptions): Promise<LoadRunResult> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const start = nowMs();
  const pending: Promise<AnswerSample>[] = [];
  const eventRuns: Promise<void>[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (const event of options.events ?? []) {
    timers.push(setTimeout(() => eventRuns.push(event.run()), Math.max(0, start + event.atMs - nowMs())));
  }
  for (const item of options.plan) {
    timers.push(setTimeout(() => pending.push(runOne(item, options)), Math.max(0, start + item.atMs - nowMs())));
  }
  // Wait until the offered load is over, then for every answer.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + options.durationMs - nowMs())));
  const samples = await Promise.all(pending);
  await Promise.all(eventRuns);
  timers.forEach(clearTimeout);
  histogram.disable();
  return { startedAt: start, endedAt: start + options.durationMs, samples, eventLoopP99Ms: histogram.percentile(99) / 1e6 };
}
