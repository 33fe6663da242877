import type { OverloadResult } from '../lib/overload-run';
import { goalsTable, textTable } from './console-table';

/** The `pnpm bench:spotify` summary. */
export function printOverloadSummary(result: OverloadResult, print: (line: string) => void): void {
  const run = result.scenarios[0];
  const d = run.designs[0];
  const m = d.metrics!;
  const budget = result.settings.budgetPer30s;
  const lc = result.latencyComparison;
  print('');
  print('pnpm bench:spotify — overload through SpotifyWorkerProxy → worker-spotify → Spotify emulator');
  print(`machine: ${result.machine.nproc} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}, ${result.machine.date}, load average ${result.machine.loadAverage1m} → ${result.machine.loadAverage1mAtEnd ?? '–'}`);
  print(`settings: ${run.scenario.description}; budget ${budget}/30 s = emulator rate limit; user timeout ${result.settings.userTimeoutMs} ms`);
  print(`worker: ${JSON.stringify(result.workerSettings)}`);
  print('');
  print(
    textTable(
      ['upstream, rolling 30 s', 'value'],
      [
        ['max (bench: request timestamps)', `${m.upstream.maxPer30s} / ${budget}`],
        ['max (emulator stats maxPer30s)', `${d.emulatorMaxPer30s ?? '–'} / ${budget}`],
        ['max (sampled inWindow, 1 s)', `${result.sampledInWindow.max} / ${budget}`],
        ['mean (bench, windows inside the load)', `${m.upstream.meanPer30s} / ${budget}`],
        ['mean (sampled inWindow, after 30 s)', `${result.sampledInWindow.meanOfFullWindows} / ${budget}`],
        ['budget used (accepted mean / budget)', `${(m.budgetShare * 100).toFixed(1)} %`],
        ['upstream requests (total, drain incl.)', String(m.upstream.total)],
        ['upstream 429s', String(m.upstream.status429)],
      ],
    ),
  );
  print('');
  print(
    textTable(
      ['answers', 'ok', '503 cooldown', '504 deadline', 'other', 'p50 ms', 'p95 ms', 'p99 ms', 'ok/s'],
      [['overload', String(m.answers.ok), String(m.answers['503']), String(m.answers['504']), String(m.answers.other), String(m.latency.p50), String(m.latency.p95), String(m.latency.p99), String(m.throughputOkPerS)]],
    ),
  );
  if (Object.keys(m.failureDetails).length) print(`non-ok: ${Object.entries(m.failureDetails).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  print('');
  print(`latency, no overload: ${lc.pairs} queries, each once direct (DirectSpotifyCaller) and once via the worker, one call at a time, alternating order, a pair every ${lc.pairIntervalMs} ms (80 % of the budget); upstream 429s in this phase: ${lc.upstream429}`);
  print(
    textTable(
      ['path', 'n', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms'],
      [
        ['direct', String(lc.a.count), String(lc.errors.a), String(lc.a.p50), String(lc.a.p95), String(lc.a.p99), String(lc.a.mean)],
        ['worker', String(lc.b.count), String(lc.errors.b), String(lc.b.p50), String(lc.b.p95), String(lc.b.p99), String(lc.b.mean)],
        ...(lc.c ? [['bare BullMQ round trip', String(lc.c.count), String(lc.errors.c), String(lc.c.p50), String(lc.c.p95), String(lc.c.p99), String(lc.c.mean)]] : []),
      ],
    ),
  );
  if (lc.a.p50 !== null && lc.b.p50 !== null) {
    const bareNote = lc.c?.p50 != null ? `; a bare BullMQ round trip (add → no-op worker → QueueEvents) ${lc.c.p50} ms p50 in the same run` : '';
    print(`worker path p50 − direct p50: ${Math.round((lc.b.p50 - lc.a.p50) * 10) / 10} ms${bareNote}`);
  }
  const st = lc.stages;
  const ms = (v: number | null) => (v === null ? '–' : String(v));
  print('stages of a call through the worker (p50 / p95 ms):');
  print(
    textTable(
      ['stage', 'where', 'n', 'p50 ms', 'p95 ms'],
      [
        ['enqueue (call → job in the queue)', 'api proxy', String(st.enqueue.count), ms(st.enqueue.p50), ms(st.enqueue.p95)],
        ['picked up (added → taken)', 'worker, histogram', String(st.worker.queueWait.count), ms(st.worker.queueWait.p50), ms(st.worker.queueWait.p95)],
        ['each upstream request', 'worker, histogram', String(st.worker.upstreamRequest.count), ms(st.worker.upstreamRequest.p50), ms(st.worker.upstreamRequest.p95)],
        ['processing (taken → completed)', 'worker, histogram', String(st.worker.processing.count), ms(st.worker.processing.p50), ms(st.worker.processing.p95)],
        ['result delivery (completed → result here)', 'api proxy', String(st.resultDelivery.count), ms(st.resultDelivery.p50), ms(st.resultDelivery.p95)],
      ],
    ),
  );
  print(`Redis commands per call through the worker: ${lc.redisCommandsPerCall.perCall} over ${lc.redisCommandsPerCall.calls} calls`);
  print(`Redis commands per bare BullMQ round trip (BullMQ's own share of one job): ${lc.redisCommandsPerBareRoundTrip.toFixed(1)}`);
  const trace = lc.commandTrace;
  const bullmq = trace.groups.filter((g) => g.label.startsWith('BullMQ ')).reduce((sum, g) => sum + g.commands, 0);
  print(`one more call, read with MONITOR: ${trace.total} commands, ${bullmq} of them inside BullMQ's scripts (scripts count with the commands they run)`);
  print(textTable(['sent by', 'calls', 'commands'], trace.groups.map((g) => [g.label, String(g.calls), String(g.commands)])));
  print('');
  print(goalsTable(result.goals));
  print(`event-loop delay p99 during the overload: ${d.eventLoopP99Ms} ms; wall time ${Math.round(result.wallTimeS)} s`);
}
