import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchRun } from '../lib/run-result';
import { renderLatencyChart } from './latency-chart';
import { previousReport, renderMarkdownReport } from './markdown-report';
import { renderUpstreamChart } from './upstream-chart';

/**
 * Writes docs/benchmarks.md (keeping the summary of the report it replaces) and docs/benchmarks/<scenario>-{upstream,
 * latency}.svg; returns the paths.
 */
export async function writeDocs(run: BenchRun, docsDir = path.resolve(__dirname, '..', '..', 'docs')): Promise<string[]> {
  const chartDir = path.join(docsDir, 'benchmarks');
  await mkdir(chartDir, { recursive: true });
  for (const old of await readdir(chartDir)) if (old.endsWith('.svg')) await unlink(path.join(chartDir, old));
  const written: string[] = [];
  for (const scenario of run.scenarios) {
    const ok = scenario.designs.filter((d) => d.metrics);
    const upstream = renderUpstreamChart({
      title: `${scenario.scenario.name}: upstream requests (budget ${scenario.budgetPer30s}/30 s)`,
      budgetPer30s: scenario.budgetPer30s,
      realLimitPer30s: scenario.scenario.realLimitPer30s,
      loadSeconds: scenario.scenario.durationMs / 1000,
      designs: ok.map((d) => ({ design: d.design, perSecond: d.metrics!.upstream.perSecond, rollingPer30s: d.metrics!.upstream.rollingPer30s })),
    });
    const latency = renderLatencyChart({
      title: `${scenario.scenario.name}: answer latency, all answers (CDF)`,
      designs: ok.map((d) => ({ design: d.design, latenciesMs: d.samples.map((s) => s.latencyMs) })),
    });
    for (const [name, svg] of [[`${scenario.scenario.name}-upstream.svg`, upstream], [`${scenario.scenario.name}-latency.svg`, latency]] as const) {
      await writeFile(path.join(chartDir, name), svg);
      written.push(path.join(chartDir, name));
    }
  }
  const md = path.join(docsDir, 'benchmarks.md');
  const previous = previousReport(await readFile(md, 'utf8').catch(() => ''));
  await writeFile(md, renderMarkdownReport(run, 'benchmarks', previous));
  return [md, ...written];
}
