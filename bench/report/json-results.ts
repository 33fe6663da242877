import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchRun } from '../lib/run-result';

/** Writes the whole run (raw samples and upstream timelines included) to bench/results/<kind>-<date>.json. */
export async function writeJsonResults(run: BenchRun, dir = path.resolve(__dirname, '..', 'results')): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${run.kind}-${run.machine.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(run)}\n`);
  return file;
}
