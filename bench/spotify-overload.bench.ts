/**
 * `pnpm bench:spotify`: distinct searches at 5× the budget through SpotifyWorkerProxy → worker-spotify → emulator,
 * then a paired latency comparison (direct vs through the worker) under the budget. Prints numbers and PASS/MISS
 * for the goals; never fails on time. Flags: --duration-s 60 --budget 60 --latency-ms 50 --load-factor 5
 * --latency-pairs 24 --timeout-ms 10000.
 */
import { numberFlag, parseFlags, SHARED_FLAGS, sharedSettings } from './lib/cli-args';
import { runOverloadBench } from './lib/overload-run';
import { writeJsonResults } from './report/json-results';
import { printOverloadSummary } from './report/overload-summary';

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['duration-s', 'latency-ms', 'load-factor', 'latency-pairs', ...SHARED_FLAGS]);
  const result = await runOverloadBench({
    ...sharedSettings(flags, { budget: 60, timeoutMs: 10_000 }),
    durationS: numberFlag(flags, 'duration-s', 60),
    latencyMs: numberFlag(flags, 'latency-ms', 50),
    loadFactor: numberFlag(flags, 'load-factor', 5),
    latencyPairs: numberFlag(flags, 'latency-pairs', 24),
    quick: false,
  });
  printOverloadSummary(result, (line) => process.stdout.write(`${line}\n`));
  const file = await writeJsonResults(result);
  process.stdout.write(`\nJSON: ${file}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:spotify failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
