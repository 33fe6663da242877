import type { DesignDefinition, DesignEnv, RunningDesign } from '../designs/design';
import type { Scenario } from '../scenarios/scenario';
import { type BenchEmulator, startBenchEmulator } from './bench-emulator';
import { measuredRun } from './design-metrics';
import { summarizeLatencies } from './latency-stats';
import { nowMs, runLoad } from './load-runner';
import { generatedArtistQuery } from './query-source';
import { deleteKeys } from './redis-cleanup';
import type { DesignRun, ScenarioRun } from './run-result';

export interface ScenarioRunOptions {
  scenario: Scenario;
  designs: readonly DesignDefinition[];
  redisUrl: string;
  runId: string;
  budgetPer30s: number;
  userTimeoutMs: number;
  apiProcesses: number;
  artistCount: number;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * One search before the clock starts, with a query outside every plan (the last generated artist), so tokens,
 * sockets and queues are warm for every design alike. Its 2 upstream requests stay in the timeline (they count
 * in the max per 30 s, not in the means, which only look at windows inside the load).
 */
async function warmUp(running: RunningDesign, options: ScenarioRunOptions): Promise<void> {
  const query = generatedArtistQuery(options.artistCount, options.artistCount);
  await running.search(query, { deadlineAt: Date.now() + options.userTimeoutMs }).catch(() => undefined);
}

/** One design against its own emulator: start, replay the plan, measure, close. Never throws. */
async function runDesign(design: DesignDefinition, options: ScenarioRunOptions): Promise<DesignRun> {
  const { scenario } = options;
  const prefix = `bench-${options.runId}-${scenario.name}-${design.name}`;
  const env: Omit<DesignEnv, 'spotify'> = {
    redisUrl: options.redisUrl,
    prefix,
    budgetPer30s: options.budgetPer30s,
    userTimeoutMs: options.userTimeoutMs,
    apiProcesses: options.apiProcesses,
    ...(scenario.searchCacheTtlS !== undefined ? { searchCacheTtlS: scenario.searchCacheTtlS } : {}),
    ...(scenario.apiSettings !== undefined ? { apiSettings: scenario.apiSettings } : {}),
  };
  const description = design.describe(env);
  const t = nowMs();
  const base: DesignRun = { design: design.name, description, samples: [], upstream: [], startedAt: t, endedAt: t, drainedAt: t };
  let emulator: BenchEmulator | null = null;
  let running: RunningDesign | null = null;
  try {
    emulator = await startBenchEmulator({ rateLimitPer30s: scenario.realLimitPer30s, latencyMs: scenario.latencyMs, generatedArtists: options.artistCount });
    running = await design.start({ ...env, spotify: emulator.spotify });
    await warmUp(running, options);
    const warmCalls = running.innerCallLatenciesMs?.().length ?? 0;
    const emu = emulator;
    const result = await runLoad({
      plan: scenario.plan,
      durationMs: scenario.durationMs,
      userTimeoutMs: options.userTimeoutMs,
      search: running.search,
      events: scenario.events.map((event) => ({ atMs: event.atMs, run: async () => emu.lockOutQuota(event.retryAfterS) })),
    });
    return {
      ...base,
      description: running.info ? `${description}; ${running.info}` : description,
      ...measuredRun(result, emulator, nowMs(), options.budgetPer30s),
      innerCallLatency: running.innerCallLatenciesMs ? summarizeLatencies(running.innerCallLatenciesMs().slice(warmCalls)) : undefined,
    };
  } catch (error) {
    return { ...base, failure: message(error), upstream: emulator ? emulator.events.map((e) => ({ ...e })) : [] };
  } finally {
    await running?.close().catch((error: unknown) => options.log?.(`  ${design.name}: close failed: ${message(error)}`));
    await emulator?.close();
    await deleteKeys(options.redisUrl, [`${prefix}:*`, `b_${prefix}*`]).catch(() => 0);
  }
}

/** Runs every design side by side (each against its own emulator with the same settings and plan). */
export async function runScenario(options: ScenarioRunOptions): Promise<ScenarioRun> {
  const { scenario } = options;
  const designs = await Promise.all(options.designs.map((design) => runDesign(design, options)));
  const ok = designs.filter((d) => !d.failure);
  const { plan, ...info } = scenario;
  return {
    scenario: { ...info, searches: plan.length, distinctQueries: new Set(plan.map((p) => p.query)).size },
    budgetPer30s: options.budgetPer30s,
    startedAt: Math.min(...(ok.length ? ok : designs).map((d) => d.startedAt)),
    endedAt: Math.max(...(ok.length ? ok : designs).map((d) => d.endedAt)),
    drainedAt: Math.max(...designs.map((d) => d.drainedAt)),
    designs,
  };
}
