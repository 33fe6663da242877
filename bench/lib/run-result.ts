import type { DesignName } from '../designs/design';
import type { Scenario } from '../scenarios/scenario';
import type { DesignMetrics } from './design-metrics';
import type { LatencySummary } from './latency-stats';
import type { AnswerSample } from './load-runner';
import type { MachineInfo } from './machine-info';
import type { UpstreamEvent } from './upstream-event';

/** One design's run in one scenario: raw samples, the upstream timeline and the computed metrics. */
export interface DesignRun {
  design: DesignName;
  description: string;
  /** Set when the design could not start or broke down; the error message, verbatim. */
  failure?: string;
  metrics?: DesignMetrics;
  samples: AnswerSample[];
  upstream: UpstreamEvent[];
  /** The emulator's own `maxPer30s` (accepted requests), as a cross-check of the bench's count. */
  emulatorMaxPer30s?: number;
  /** Successful Spotify calls measured inside the design, during the load (albumboard: the worker proxy call). */
  innerCallLatency?: LatencySummary;
  eventLoopP99Ms?: number;
  /** Epoch ms: start and end of the offered load, and when the last answer came back. */
  startedAt: number;
  endedAt: number;
  drainedAt: number;
}

export type ScenarioInfo = Omit<Scenario, 'plan'> & { searches: number; distinctQueries: number };

export interface ScenarioRun {
  scenario: ScenarioInfo;
  budgetPer30s: number;
  startedAt: number;
  endedAt: number;
  drainedAt: number;
  designs: DesignRun[];
}

export interface GoalResult {
  id: string;
  description: string;
  target: string;
  measured: string;
  /** null when the scenario that measures it was not run (or albumboard failed). */
  pass: boolean | null;
}

export interface BenchSettings {
  budgetPer30s: number;
  userTimeoutMs: number;
  apiProcesses: number;
  artistCount: number;
  quick: boolean;
  seed: number;
  searchCacheTtlS: number;
}

export interface BenchRun {
  kind: 'compare-designs' | 'spotify-overload';
  settings: BenchSettings;
  machine: MachineInfo;
  scenarios: ScenarioRun[];
  goals: GoalResult[];
  wallTimeS: number;
}
