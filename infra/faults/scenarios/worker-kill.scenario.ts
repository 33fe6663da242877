import { waitUntil } from '../support/ports';
import { check, rowOf, unacceptable } from '../support/report';
import { ANSWER_SLACK_MS, CALL_DEADLINE_MS, seconds, type FaultContext, type ScenarioResult } from './scenario';

const NAME = 'SIGKILL worker-spotify mid-job';

/**
 * Kills worker-spotify with SIGKILL while jobs are inside upstream requests (the emulator answers slowly), restarts
 * it, and measures how long the orphaned jobs stay active (stalled-job recovery) and how long until a fresh search
 * answers again. Every waiting request must end by its deadline with an answer or a clear 503/504.
 */
export async function workerKillScenario({ stack, load, fresh }: FaultContext): Promise<ScenarioResult> {
  load.setPhase(NAME);
  const failedBefore = (await stack.queues.counts('spotify')).failed;
  await stack.configureEmulator({ latencyMs: 1500 });
  const burst = Array.from({ length: 6 }, () => load.search(fresh.take()));
  await waitUntil('a spotify job inside an upstream request', async () => (await stack.queues.activeIds('spotify')).length > 0, 10_000, 20);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const orphans = await stack.queues.activeIds('spotify');
  const victim = stack.process('worker-spotify');
  const killedAt = Date.now();
  victim.signal('SIGKILL');
  await victim.exited;
  await stack.configureEmulator({ latencyMs: 0 });
  await stack.start('worker-spotify');
  const restartMs = Date.now() - killedAt;
  await waitUntil('the orphaned jobs to leave active', async () => {
    const active = await stack.queues.activeIds('spotify');
    return orphans.every((id) => !active.includes(id));
  }, 60_000);
  const requeueMs = Date.now() - killedAt;
  await waitUntil('a fresh search to answer 200', async () => (await load.search(fresh.take())).status === 200, 30_000, 200);
  const serviceMs = Date.now() - killedAt;
  const answers = await Promise.all(burst);
  const failedAfter = (await stack.queues.counts('spotify')).failed;
  const all = load.inPhase(NAME);
  const longest = Math.max(...answers.map((a) => a.ms));
  return {
    row: rowOf(NAME, all, {
      'orphaned active jobs': String(orphans.length),
      'worker restarted after': seconds(restartMs),
      'orphans back out of active after': seconds(requeueMs),
      'fresh search answered again after': seconds(serviceMs),
    }),
    checks: [
      check(NAME, 'the kill hit jobs in flight (orphaned active jobs)', orphans.length, orphans.length > 0),
      check(NAME, 'burst answers: 200, 503 or 504 only', answers.map((a) => a.kind).join(', '), answers.every((a) => /^(200|503 \w+|504 worker_timeout)$/.test(a.kind))),
      check(NAME, 'every burst request ended by its deadline', `${seconds(longest)} ≤ ${seconds(CALL_DEADLINE_MS + ANSWER_SLACK_MS)}`, longest <= CALL_DEADLINE_MS + ANSWER_SLACK_MS),
      check(NAME, 'stalled-job recovery (orphans out of active)', `${seconds(requeueMs)} ≤ 15.00 s`, requeueMs <= 15_000),
      check(NAME, 'no spotify job failed by the kill (stalled once, then run or dropped)', failedAfter - failedBefore, failedAfter === failedBefore),
      check(NAME, 'answers of the phase: only documented kinds', unacceptable(all).join(', ') || 'none other', unacceptable(all).length === 0),
    ],
  };
}
