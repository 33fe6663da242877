import { ANSWER_KINDS, type AnswerKind, emptyKindCounts } from './answer-kind';
import { type LatencySummary, summarizeLatencies } from './latency-stats';
import type { AnswerSample, LoadRunResult } from './load-runner';
import { SPOTIFY_WINDOW_MS, countsPerBucket, countInWindowEndingAt, maxInRollingWindow, meanRollingCount } from './rolling-window';
import type { UpstreamEvent } from './upstream-event';

/** Every number the report shows for one design in one scenario. */
export interface DesignMetrics {
  upstream: {
    /** Requests that reached Spotify from the start of the load to the end of the drain. */
    total: number;
    /** Most requests in any rolling 30 s window (whole run, drain included). */
    maxPer30s: number;
    /** Mean rolling 30 s count over the windows inside the offered-load period. */
    meanPer30s: number;
    /** The same mean counting only requests Spotify accepted (not answered 429). */
    acceptedMeanPer30s: number;
    /** Answered 429 (rate limit or quota). */
    status429: number;
    /** Requests per second and rolling 30 s count at each second, for the charts. */
    perSecond: number[];
    rollingPer30s: number[];
  };
  answers: Record<AnswerKind, number> & { total: number };
  /** Over every answer (ok or not), in ms. */
  latency: LatencySummary;
  /** ok answers per second of offered load. */
  throughputOkPerS: number;
  /** acceptedMeanPer30s / budget: the share of the budget turned into answered requests. */
  budgetShare: number;
  /** The answer details seen for non-ok answers, with counts (e.g. `rate_limited: 12`). */
  failureDetails: Record<string, number>;
}

export interface MetricsInput {
  samples: readonly AnswerSample[];
  upstream: readonly UpstreamEvent[];
  startedAt: number;
  endedAt: number;
  /** End of the drain (last answer); the charts run until then. */
  drainedAt: number;
  budgetPer30s: number;
}

export function computeDesignMetrics(input: MetricsInput): DesignMetrics {
  const times = input.upstream.map((e) => e.t);
  const answers = { ...emptyKindCounts(), total: input.samples.length };
  const failureDetails: Record<string, number> = {};
  for (const s of input.samples) {
    answers[s.kind] += 1;
    if (s.kind !== 'ok') failureDetails[s.detail ?? s.kind] = (failureDetails[s.detail ?? s.kind] ?? 0) + 1;
  }
  const meanPer30s = meanRollingCount(times, input.startedAt, input.endedAt);
  const accepted = input.upstream.filter((e) => e.status !== 429).map((e) => e.t);
  const acceptedMean = meanRollingCount(accepted, input.startedAt, input.endedAt);
  const seconds = Math.ceil((input.drainedAt - input.startedAt) / 1000);
  const rollingPer30s = Array.from({ length: seconds }, (_, i) => countInWindowEndingAt(times, input.startedAt + (i + 1) * 1000, SPOTIFY_WINDOW_MS));
  return {
    upstream: {
      total: times.length,
      maxPer30s: maxInRollingWindow(times),
      meanPer30s: Math.round(meanPer30s * 10) / 10,
      acceptedMeanPer30s: Math.round(acceptedMean * 10) / 10,
      status429: input.upstream.filter((e) => e.status === 429).length,
      perSecond: countsPerBucket(times, input.startedAt, input.startedAt + seconds * 1000),
      rollingPer30s,
    },
    answers,
    latency: summarizeLatencies(input.samples.map((s) => s.latencyMs)),
    throughputOkPerS: Math.round((answers.ok / ((input.endedAt - input.startedAt) / 1000)) * 100) / 100,
    budgetShare: Math.round((acceptedMean / input.budgetPer30s) * 1000) / 1000,
    failureDetails,
  };
}

export { ANSWER_KINDS };

/**
 * What one load run measured, as a DesignRun carries it: the answers, the upstream timeline read off the emulator now
 * (the drain just ended), the emulator's own max per 30 s, and the metrics of both.
 */
export function measuredRun(
  result: LoadRunResult,
  emulator: { events: readonly UpstreamEvent[]; stats(): { maxPer30s: number } },
  drainedAt: number,
  budgetPer30s: number,
) {
  const upstream = emulator.events.map((e) => ({ ...e }));
  const { samples, startedAt, endedAt } = result;
  return {
    samples,
    upstream,
    startedAt,
    endedAt,
    drainedAt,
    eventLoopP99Ms: Math.round(result.eventLoopP99Ms * 10) / 10,
    emulatorMaxPer30s: emulator.stats().maxPer30s,
    metrics: computeDesignMetrics({ samples, upstream, startedAt, endedAt, drainedAt, budgetPer30s }),
  };
}
