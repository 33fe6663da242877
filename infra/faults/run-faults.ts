/**
 * The fault suite (`pnpm test:faults`): the built apps as real processes, a Redis and a PostgreSQL of their own, a
 * steady search load, and four faults — worker-spotify killed mid-job, Redis restarted, Spotify failing in every way,
 * PostgreSQL stopped under writes — then the stack again on each Redis topology (TLS, Cluster, Sentinel with a
 * failover under load). Prints what it did and measured, and exits 1 if any invariant does not hold.
 */
import { rmSync } from 'node:fs';
import { emulatorFaultsScenario } from './scenarios/emulator-faults.scenario';
import { postgresStopScenario } from './scenarios/postgres-stop.scenario';
import { redisRestartScenario } from './scenarios/redis-restart.scenario';
import { redisTopologyScenario, TOPOLOGIES } from './scenarios/redis-topologies.scenario';
import { ANSWER_SLACK_MS, CALL_DEADLINE_MS, seconds, type FaultContext, type ScenarioResult } from './scenarios/scenario';
import { workerKillScenario } from './scenarios/worker-kill.scenario';
import { sleep, waitUntil } from './support/ports';
import { check, renderReport, rowOf, unacceptable, type Check, type ScenarioRow } from './support/report';
import { FreshNames, SearchLoad } from './support/search-load';
import { scanForSecrets } from './support/secret-scan';
import { Stack } from './support/stack';

const SCENARIOS: Array<(ctx: FaultContext) => Promise<ScenarioResult>> = [workerKillScenario, redisRestartScenario, emulatorFaultsScenario, postgresStopScenario];

function albumIdsOf(load: SearchLoad): string[] {
  const ids = new Set<string>();
  for (const answer of load.answers) {
    const albums = (answer.body as { items?: Array<{ id?: unknown }> } | undefined)?.items ?? [];
    for (const album of albums) if (typeof album.id === 'string') ids.add(album.id);
  }
  return [...ids];
}

async function main(): Promise<number> {
  const suiteStarted = Date.now();
  const stack = new Stack();
  const fresh = new FreshNames(100);
  let load: SearchLoad | undefined;
  const rows: ScenarioRow[] = [];
  const checks: Check[] = [];
  const dirs: string[] = [];
  let loadStarted = false;
  try {
    process.stdout.write(`fault suite: booting the stack (logs in ${stack.logDir})\n`);
    await stack.boot();
    const booted = Date.now() - suiteStarted;
    const steady = new SearchLoad(stack.apiUrl, fresh);
    load = steady;
    steady.start();
    loadStarted = true;
    await waitUntil('a first search answer', () => steady.answers.some((a) => a.status === 200), 30_000);
    await sleep(2000);
    rows.push(rowOf('warm-up (steady load: 3 clients, 20 % fresh searches)', steady.inPhase('warm-up'), { 'stack booted in': seconds(booted) }));
    const ctx: FaultContext = { stack, load: steady, fresh, albumIds: () => albumIdsOf(steady) };
    for (const scenario of SCENARIOS) {
      process.stdout.write(`fault suite: ${scenario.name}\n`);
      const result = await scenario(ctx);
      rows.push(result.row);
      checks.push(...result.checks);
    }
    steady.setPhase('drain');
    await steady.stop();
    loadStarted = false;
    const drained = await waitUntil('every queue to have no active job', async () => {
      const counts = await Promise.all(['spotify', 'default', 'leaderboard'].map((q) => stack.queues.counts(q)));
      return counts.every((c) => c.active === 0);
    }, 20_000).then((ms) => ms, () => -1);
    const searches = steady.answers;
    const hangs = searches.filter((a) => a.status === 0).length;
    const longest = Math.max(...searches.map((a) => a.ms));
    checks.push(
      check('whole run', 'no job stuck active once the load stopped', drained < 0 ? 'still active after 20 s' : `drained in ${seconds(drained)}`, drained >= 0),
      check('whole run', 'searches without an answer (client timeout 20 s)', hangs, hangs === 0),
      check('whole run', 'longest search answer ≤ deadline + slack', `${seconds(longest)} ≤ ${seconds(CALL_DEADLINE_MS + ANSWER_SLACK_MS)}`, longest <= CALL_DEADLINE_MS + ANSWER_SLACK_MS),
      check('whole run', 'search answers: only documented kinds (no 500)', unacceptable(searches).join(', ') || 'none other', unacceptable(searches).length === 0),
      check('whole run', 'every process alive at the end', JSON.stringify(stack.liveness()), Object.values(stack.liveness()).every(Boolean)),
    );
  } catch (error) {
    checks.push(check('suite', 'ran to the end', (error as Error).message.split('\n')[0] ?? 'error', false));
  } finally {
    if (loadStarted) await load?.stop();
    await stack.close().catch((error: unknown) => checks.push(check('suite', 'stopped cleanly', (error as Error).message, false)));
  }
  // Then the same stack on each Redis topology users run (TLS, Cluster, Sentinel), one at a time, each its own.
  for (const topology of TOPOLOGIES) {
    process.stdout.write(`fault suite: ${topology.name}\n`);
    const result = await redisTopologyScenario(topology);
    rows.push(result.row);
    checks.push(...result.checks);
    dirs.push(...(result.dirs ?? []));
  }
  const secrets = Object.values(stack.secrets);
  const scan = scanForSecrets(stack.started.map((p) => p.logFile), secrets);
  checks.push(check('whole run', `log lines containing a secret (of ${scan.lines} lines)`, scan.leaks.length, scan.leaks.length === 0 && scan.lines > 100));
  const failed = checks.filter((c) => !c.ok);
  process.stdout.write(`\n${renderReport(rows, checks)}\n\n${load?.answers.length ?? 0} searches in all; suite ran ${seconds(Date.now() - suiteStarted)}\n`);
  for (const leak of scan.leaks.slice(0, 5)) process.stdout.write(`secret leak: ${leak}\n`);
  if (failed.length > 0) {
    process.stdout.write(`\nFAULT SUITE FAILED: ${failed.length} invariant(s) violated; logs kept in ${[stack.tmp, ...dirs].join(', ')}\n`);
    return 1;
  }
  rmSync(stack.tmp, { recursive: true, force: true });
  for (const dir of [stack.pg.root, ...dirs]) rmSync(dir, { recursive: true, force: true });
  process.stdout.write('\nfault suite passed: every invariant held\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fault suite crashed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
