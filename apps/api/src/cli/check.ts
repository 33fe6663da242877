// First: instruments the modules the others load.
import { tracing } from './check-instrumentation';
import { CHECK_USAGE, CheckUsageError, loadCheckConfig } from './check-config';
import { renderCheckReport } from './check-report';
import { runCheck } from './check-runner';

interface Output {
  write(text: string): unknown;
}

/**
 * `pnpm check` (`node apps/api/dist/cli/check.js`): verifies a running deployment — workers on every queue, a ping
 * through each, one search through worker-spotify, queue lengths, the Spotify budget and cool-down — and prints a table
 * (or `--json`). Returns the exit code: 0 all passed, 1 a check failed (each failure on a `FAIL <app>: <reason>` line),
 * 2 bad usage.
 */
export async function runCheckCommand(argv: string[], env: NodeJS.ProcessEnv, stdout: Output, stderr: Output): Promise<number> {
  let config;
  try {
    config = loadCheckConfig(env, argv);
  } catch (error) {
    if (!(error instanceof CheckUsageError)) throw error;
    stderr.write(`${error.message}\n${CHECK_USAGE}\n`);
    return 2;
  }
  if (config === null) {
    stdout.write(`${CHECK_USAGE}\n`);
    return 0;
  }
  const report = await runCheck(config);
  if (config.json) stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else stdout.write(renderCheckReport(report));
  if (!report.ok && config.json) for (const failure of report.failures) stderr.write(`${failure}\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  runCheckCommand(process.argv.slice(2), process.env, process.stdout, process.stderr)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.stderr.write(`FAIL check: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    )
    .finally(() => tracing.shutdown());
}
