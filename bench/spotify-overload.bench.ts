/**
 * `pnpm bench:spotify`: distinct searches at 5× the budget through SpotifyWorkerProxy → worker-spotify → emulator,
 * then a paired latency comparison (direct vs through the worker) under the budget. Prints numbers and PASS/MISS
 * for the goals; never fails on time. Flags: --duration-s 60 --budget 60 --latency-ms 50 --load-factor 5
 * --latency-pairs 24 --timeout-ms 10000.
 */
import { parseFlags, numberFlag } from './lib/cli-args';
import { runOverloadBench } from './lib/overload-run';
import { writeJsonResults } from './report/json-results';
import { printOverloadSummary } from './report/overload-summary';

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), ['duration-s', 'budget', 'latency-ms', 'load-factor', 'latency-pairs', 'timeout-ms', 'artists']);
  const result = await runOverloadBench({
    durationS: numberFlag(flags, 'duration-s', 60),
    budgetPer30s: numberFlag(flags, 'budget', 60),
    latencyMs: numberFlag(flags, 'latency-ms', 50),
    loadFactor: numberFlag(flags, 'load-factor', 5),
    latencyPairs: numberFlag(flags, 'latency-pairs', 24),
    userTimeoutMs: numberFlag(flags, 'timeout-ms', 10_000),
    artistCount: numberFlag(flags, 'artists', 2000),
    quick: false,
    seed: 42,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    log: (line) => process.stderr.write(`${line}\n`),
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
