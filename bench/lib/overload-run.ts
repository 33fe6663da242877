import { DirectSpotifyCaller, SpotifyClient } from '@albumboard/spotify-client';
import { createProxy, startWorkerStack } from '../designs/albumboard-stack';
import { workerSummary } from '../designs/worker-summary';
import { overloadScenario } from '../scenarios/overload.scenario';
import { latencyRatioGoal, overloadGoals, redisCommandsGoal } from './albumboard-goals';
import { startBareBullmqRoundTrip } from './bare-bullmq-round-trip';
import { summarizeLatencies, type LatencySummary } from './latency-stats';
import { commandDelta, commandStats, perRequest, type CommandCounts } from './redis-command-stats';
import { traceCommands, type CommandTrace } from './redis-command-trace';
import { knownScripts } from './known-scripts';
import { histogramFromHash, histogramQuantile, opsKeys, STAGE_BUCKETS_S } from '@albumboard/observability';
import { Redis } from 'ioredis';
import { startBenchEmulator } from './bench-emulator';
import { measuredRun } from './design-metrics';
import { nowMs, runLoad } from './load-runner';
import { machineInfo, withEndLoad } from './machine-info';
import { type PairedLatencyResult, pairedLatency } from './paired-latency';
import { distinctQuery } from './query-source';
import { deleteKeys, runId } from './redis-cleanup';
import type { BenchRun, BenchSettings, DesignRun, ScenarioRun } from './run-result';
import { sampleInWindow } from './stats-sampler';

export interface OverloadOptions extends Omit<BenchSettings, 'apiProcesses' | 'searchCacheTtlS'> {
  durationS: number;
  loadFactor: number;
  latencyMs: number;
  latencyPairs: number;
  redisUrl: string;
  log: (line: string) => void;
}

export interface OverloadResult extends BenchRun {
  sampledInWindow: { max: number; meanOfFullWindows: number };
  latencyComparison: PairedLatencyResult & {
    pairIntervalMs: number;
    pairs: number;
    upstream429: number;
    /** Redis commands per call through the worker (server-wide INFO commandstats around each call). */
    redisCommandsPerCall: { calls: number; perCall: string; total: number };
    /** The same count around each bare BullMQ round trip (BullMQ's own share of a job). */
    redisCommandsPerBareRoundTrip: number;
    /** One more call through the worker, its Redis commands read with MONITOR and grouped by script and command. */
    commandTrace: CommandTrace;
    stages: StageTimings;
  };
  workerSettings: Record<string, unknown>;
}

/** Phase 1: distinct searches at `loadFactor` × budget through proxy → worker-spotify → emulator. */
async function overloadPhase(options: OverloadOptions, prefix: string) {
  const scenario = overloadScenario({ budgetPer30s: options.budgetPer30s, quick: false, artistCount: options.artistCount, seed: options.seed }, options.latencyMs, options.durationS, options.loadFactor);
  const emulator = await startBenchEmulator({ rateLimitPer30s: options.budgetPer30s, latencyMs: options.latencyMs, generatedArtists: options.artistCount });
  const worker = await startWorkerStack({ spotify: emulator.spotify, redisUrl: options.redisUrl, prefix, budgetPer30s: options.budgetPer30s });
  const caller = createProxy(options.redisUrl, prefix, options.userTimeoutMs);
  try {
    const sampler = sampleInWindow(() => emulator.stats());
    const result = await runLoad({
      plan: scenario.plan,
      durationMs: scenario.durationMs,
      userTimeoutMs: options.userTimeoutMs,
      search: async (query) => {
        await caller.proxy.call('searchArtistAlbums', { query }, { timeoutMs: options.userTimeoutMs });
        return 'ok';
      },
    });
    const drainedAt = nowMs();
    const sampled = sampler.stop();
    const design: DesignRun = {
      design: 'albumboard',
      description: `SpotifyWorkerProxy → worker-spotify (createSpotifyWorker, in-process) → emulator; budget ${options.budgetPer30s}/30 s`,
      ...measuredRun(result, emulator, drainedAt, options.budgetPer30s),
    };
    const { plan, ...info } = scenario;
    const run: ScenarioRun = {
      scenario: { ...info, searches: plan.length, distinctQueries: new Set(plan.map((p) => p.query)).size },
      budgetPer30s: options.budgetPer30s,
      startedAt: design.startedAt,
      endedAt: design.endedAt,
      drainedAt,
      designs: [design],
    };
    return { run, sampled, workerSettings: workerSummary(worker.settings) };
  } finally {
    await caller.close();
    await worker.close();
    await emulator.close();
  }
}

/** The five stages of a call through the worker, p50 and p95 in ms (the worker's from its Redis histograms, bucket-estimated). */
export interface StageTimings {
  enqueue: LatencySummary;
  resultDelivery: LatencySummary;
  /** Estimated from worker-spotify's histograms (`P:ops:queue-wait:spotify`, `P:ops:spotify-stage:*`). */
  worker: Record<'queueWait' | 'upstreamRequest' | 'processing', { p50: number | null; p95: number | null; count: number }>;
}

async function workerStages(redisUrl: string, prefix: string): Promise<StageTimings['worker']> {
  const redis = new Redis(redisUrl);
  try {
    const keys = opsKeys(prefix);
    const read = async (key: string, bounds?: readonly number[]) => {
      const snapshot = histogramFromHash(await redis.hgetall(key), bounds);
      const ms = (q: number) => {
        const s = histogramQuantile(q, snapshot);
        return s === null ? null : Math.round(s * 10_000) / 10;
      };
      return { p50: ms(0.5), p95: ms(0.95), count: snapshot.count };
    };
    return {
      queueWait: await read(keys.queueWait('spotify')),
      upstreamRequest: await read(keys.spotifyStage('upstream_request'), STAGE_BUCKETS_S),
      processing: await read(keys.spotifyStage('processing'), STAGE_BUCKETS_S),
    };
  } finally {
    await redis.quit();
  }
}

/**
 * Phase 2: the same queries, one call at a time, direct (DirectSpotifyCaller) and through the worker, alternating,
 * paced so the pair stream stays at 80 % of the budget; same emulator settings, fresh emulator and worker. After each
 * pair, a bare BullMQ round trip (the floor of any queue-based path, same machine, same moment). Each call through the
 * worker is counted in Redis commands (`INFO commandstats` around it) and timed stage by stage.
 */
async function latencyPhase(options: OverloadOptions, prefix: string) {
  const emulator = await startBenchEmulator({ rateLimitPer30s: options.budgetPer30s, latencyMs: options.latencyMs, generatedArtists: options.artistCount });
  const worker = await startWorkerStack({ spotify: emulator.spotify, redisUrl: options.redisUrl, prefix, budgetPer30s: options.budgetPer30s });
  const caller = createProxy(options.redisUrl, prefix, options.userTimeoutMs);
  const direct = new DirectSpotifyCaller(new SpotifyClient({ ...emulator.spotify }), { defaultTimeoutMs: options.userTimeoutMs });
  const bare = await startBareBullmqRoundTrip(options.redisUrl, prefix);
  const admin = new Redis(options.redisUrl);
  const stages = { enqueue: [] as number[], result_delivery: [] as number[] };
  let measuring = false;
  caller.proxy.observeStages((stage, seconds) => {
    if (measuring) stages[stage].push(seconds * 1000);
  });
  const commands = { calls: 0, delta: {} as CommandCounts };
  const bareCommands = { calls: 0, delta: {} as CommandCounts };
  // 4 upstream requests per pair (2 per searchArtistAlbums), at 80 % of the budget.
  const pairIntervalMs = Math.ceil((4 * 30_000) / (options.budgetPer30s * 0.8));
  try {
    const queries = Array.from({ length: options.latencyPairs }, (_, i) => distinctQuery(i + 1, options.artistCount, Math.floor(options.artistCount / 2)));
    const result = await pairedLatency({
      queries,
      warmUp: [distinctQuery(0, options.artistCount, Math.floor(options.artistCount / 2))],
      pairIntervalMs,
      a: (query) => direct.call('searchArtistAlbums', { query }),
      b: async (query) => {
        const before = await commandStats(admin);
        measuring = true;
        try {
          return await caller.proxy.call('searchArtistAlbums', { query });
        } finally {
          measuring = false;
          const delta = commandDelta(before, await commandStats(admin));
          for (const [name, calls] of Object.entries(delta)) commands.delta[name] = (commands.delta[name] ?? 0) + calls;
          commands.calls += 1;
        }
      },
      c: async () => {
        const before = await commandStats(admin);
        try {
          return await bare.roundTrip();
        } finally {
          const delta = commandDelta(before, await commandStats(admin));
          for (const [name, calls] of Object.entries(delta)) bareCommands.delta[name] = (bareCommands.delta[name] ?? 0) + calls;
          bareCommands.calls += 1;
        }
      },
    });
    // One more distinct search, after the pairs (MONITOR slows Redis; no timed call runs meanwhile).
    const traced = await traceCommands(options.redisUrl, knownScripts(), () =>
      caller.proxy.call('searchArtistAlbums', { query: distinctQuery(options.latencyPairs + 1, options.artistCount, Math.floor(options.artistCount / 2)) }),
    );
    await worker.close(); // writes worker-spotify's buffered stage histograms
    return {
      ...result,
      pairIntervalMs,
      pairs: options.latencyPairs,
      upstream429: emulator.events.filter((e) => e.status === 429).length,
      redisCommandsPerCall: { calls: commands.calls, perCall: perRequest(commands.delta, Math.max(1, commands.calls)), total: Object.values(commands.delta).reduce((a, b) => a + b, 0) / Math.max(1, commands.calls) },
      redisCommandsPerBareRoundTrip: Object.values(bareCommands.delta).reduce((a, b) => a + b, 0) / Math.max(1, bareCommands.calls),
      commandTrace: traced.trace,
      stages: {
        enqueue: summarizeLatencies(stages.enqueue),
        resultDelivery: summarizeLatencies(stages.result_delivery),
        worker: await workerStages(options.redisUrl, prefix),
      } satisfies StageTimings,
    };
  } finally {
    await admin.quit();
    await bare.close();
    await caller.close();
    await worker.close().catch(() => undefined); // closed already unless the phase failed
    await emulator.close();
  }
}

export async function runOverloadBench(options: OverloadOptions): Promise<OverloadResult> {
  const started = nowMs();
  const machine = machineInfo();
  const id = runId();
  const prefixes = [`bench-${id}-overload`, `bench-${id}-latency`];
  try {
    options.log(`-- overload: ${options.durationS} s of distinct searches at ${options.loadFactor}× the budget`);
    const overload = await overloadPhase(options, prefixes[0]);
    options.log(`-- latency: ${options.latencyPairs} query pairs, direct vs worker, one call at a time, under the budget`);
    const latency = await latencyPhase(options, prefixes[1]);
    const { redisUrl: _r, log: _l, durationS: _d, latencyMs: _lm, latencyPairs: _lp, loadFactor: _f, ...settings } = options;
    return {
      kind: 'spotify-overload',
      settings: { ...settings, apiProcesses: 1, searchCacheTtlS: 0 },
      machine: withEndLoad(machine),
      scenarios: [overload.run],
      goals: [
        ...overloadGoals([overload.run]),
        latencyRatioGoal(latency.b.p50, latency.a.p50, `${options.latencyMs} ms latency, sequential pairs under the budget`, 1.03),
        redisCommandsGoal(latency.redisCommandsPerCall.total, 60),
      ],
      wallTimeS: (nowMs() - started) / 1000,
      sampledInWindow: { max: overload.sampled.max, meanOfFullWindows: overload.sampled.meanOfFullWindows },
      latencyComparison: latency,
      workerSettings: overload.workerSettings,
    };
  } finally {
    await deleteKeys(options.redisUrl, prefixes.map((p) => `${p}:*`)).catch(() => 0);
  }
}
