/**
 * `pnpm bench`: direct / seed / bottleneck / albumboard side by side in every scenario; prints a table per
 * scenario and the issue's goals (PASS/MISS), writes docs/benchmarks.md, docs/benchmarks/*.svg and
 * bench/results/*.json. Flags: --quick, --scenarios a,b --designs a,b --budget 60 --timeout-ms 10000
 * --api-processes 4 --no-docs.
 */
import { DESIGN_NAMES } from './designs/design';
import { SEARCH_CACHE_TTL_S } from './designs/search-cache-ttl';
import { listFlag, numberFlag, parseFlags, SHARED_FLAGS, sharedSettings } from './lib/cli-args';
import { runComparison } from './lib/run-comparison';
import { SCENARIO_NAMES } from './scenarios/scenario';
import { goalsTable, scenarioTable, textTable } from './report/console-table';
import { glanceTable } from './report/glance-table';
import { writeDocs } from './report/write-docs';
import { writeJsonResults } from './report/json-results';

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['scenarios', 'designs', 'api-processes', ...SHARED_FLAGS], ['quick', 'no-docs']);
  const quick = flags.quick === true;
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  const run = await runComparison({
    quick,
    scenarios: listFlag(flags, 'scenarios', SCENARIO_NAMES),
    designs: listFlag(flags, 'designs', DESIGN_NAMES),
    ...sharedSettings(flags, { budget: quick ? 120 : 60, timeoutMs: quick ? 3000 : 10_000 }),
    apiProcesses: numberFlag(flags, 'api-processes', 4),
    searchCacheTtlS: SEARCH_CACHE_TTL_S,
    onScenario: (scenarioRun) => print(`\n${scenarioTable(scenarioRun)}`),
  });
  print(`\nmachine: ${run.machine.nproc} CPUs (${run.machine.cpuModel}), Node ${run.machine.node}, ${run.machine.date}; load average ${run.machine.loadAverage1m} → ${run.machine.loadAverage1mAtEnd ?? '–'}; wall time ${Math.round(run.wallTimeS)} s`);
  const glance = glanceTable(run.scenarios);
  print(`\nat a glance (ok share · upstream 429s · max per rolling 30 s / budget):\n${textTable(glance.headers, glance.rows)}`);
  print(`\nalbumboard against the issue's goals:\n${goalsTable(run.goals)}`);
  const json = await writeJsonResults(run);
  print(`\nJSON: ${json}`);
  if (flags['no-docs'] !== true) print(`Report: ${(await writeDocs(run)).join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
