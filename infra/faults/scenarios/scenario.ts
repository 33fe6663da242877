import type { Check, ScenarioRow } from '../support/report';
import type { FreshNames, SearchLoad } from '../support/search-load';
import type { Stack } from '../support/stack';

/** What every scenario gets: the running stack, the steady load, and a source of cache-missing searches. */
export interface FaultContext {
  stack: Stack;
  load: SearchLoad;
  fresh: FreshNames;
  /** Album ids seen in search answers (to rate). */
  albumIds: () => string[];
}

export interface ScenarioResult {
  row: ScenarioRow;
  checks: Check[];
  /** Temporary directories of the scenario's own servers, removed when the suite passes (kept for a look otherwise). */
  dirs?: string[];
}

/** The API's SPOTIFY_CALL_TIMEOUT_MS in the suite, and the slack allowed on top for an answer to arrive. */
export const CALL_DEADLINE_MS = 8000;
export const ANSWER_SLACK_MS = 2500;

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
