/**
 * Re-renders docs/benchmarks.md and docs/benchmarks/*.svg from a saved `pnpm bench` run, without running it again:
 * `node --import tsx bench/render-docs.ts bench/results/compare-designs-<date>.json`.
 */
import { readFile } from 'node:fs/promises';
import type { BenchRun } from './lib/run-result';
import { writeDocs } from './report/write-docs';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: render-docs.ts <bench/results/compare-designs-*.json>');
  const run = JSON.parse(await readFile(file, 'utf8')) as BenchRun;
  if (run.kind !== 'compare-designs') throw new Error(`${file} is a ${run.kind} run, not compare-designs`);
  process.stdout.write(`${(await writeDocs(run)).join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`render-docs failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
