import { randomUUID } from 'node:crypto';
import { call, type Answer } from '../support/http-client';
import { signHs256 } from '../support/jwt';
import { sleep, waitUntil } from '../support/ports';
import { check, countKinds, rowOf, unacceptable } from '../support/report';
import { seconds, type FaultContext, type ScenarioResult } from './scenario';

const NAME = 'Redis restart (SHUTDOWN with AOF, same port and dir)';
const DOWN_FOR_MS = 4000;

/**
 * With worker-default and worker-leaderboard stopped, lets the API accept work for them (fresh searches enqueue
 * catalog.upsert-albums, ratings enqueue leaderboard.recompute), then restarts Redis: the API must answer quickly
 * while it is down, recover by itself within 5 s of its return, and every job accepted before must complete after.
 */
export async function redisRestartScenario({ stack, load, fresh, albumIds }: FaultContext): Promise<ScenarioResult> {
  load.setPhase(NAME);
  const api = stack.apiUrl;
  const rate = (albumId: string, score: number) =>
    call(`${api}/api/v1/albums/${albumId}/rating`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${signHs256(randomUUID(), stack.secrets.jwtSecret, stack.jwtIssuer)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ score }),
    });
  await Promise.all([stack.stop('worker-default'), stack.stop('worker-leaderboard')]);
  for (let i = 0; i < 5; i += 1) await load.search(fresh.take());
  const rated = await Promise.all(albumIds().slice(0, 3).map((id, i) => rate(id, 6 + i)));
  await sleep(300); // the catalogue jobs are enqueued after the answer
  // Jobs a job scheduler made (the periodic recompute, the catalogue refresh) wait for their next period: not accepted work.
  const acceptedIn = async (queue: 'default' | 'leaderboard') =>
    (await Promise.all((await stack.queues.pendingIds(queue)).map(async (id) => ((await stack.queues.isScheduled(queue, id)) ? '' : id)))).filter(Boolean);
  const accepted = { default: await acceptedIn('default'), leaderboard: await acceptedIn('leaderboard') };
  await stack.redis.cli('SET', `${stack.prefix}:faults:marker`, 'acknowledged-before-restart');

  await stack.redis.shutdown();
  const downAt = Date.now();
  const searchProbes: Answer[] = [];
  const otherProbes: Answer[] = [];
  while (Date.now() - downAt < DOWN_FOR_MS) {
    const [cached, uncached, rating, board, health] = await Promise.all([
      load.search('Taylor Swift', '10.9.0.2', false),
      load.search(fresh.take()),
      rate(albumIds()[0]!, 9),
      call(`${api}/api/v1/leaderboard`),
      call(`${api}/healthz`),
    ]);
    searchProbes.push(cached, uncached);
    otherProbes.push(rating, board, health);
    await sleep(250);
  }
  const probes = [...searchProbes, ...otherProbes];
  const aliveWhileDown = stack.liveness();

  await stack.redis.start();
  const upAt = Date.now();
  await waitUntil('a cached search to answer 200', async () => (await load.search('Taylor Swift', '10.9.0.2', false)).status === 200, 30_000, 100);
  const apiRecoveryMs = Date.now() - upAt;
  await waitUntil('a fresh search to answer 200', async () => (await load.search(fresh.take())).status === 200, 30_000, 100);
  const spotifyPathMs = Date.now() - upAt;
  const marker = await stack.redis.cli('GET', `${stack.prefix}:faults:marker`);

  await Promise.all([stack.start('worker-default'), stack.start('worker-leaderboard')]);
  const ids = [...accepted.default.map((id) => ['default', id] as const), ...accepted.leaderboard.map((id) => ['leaderboard', id] as const)];
  const finished = async () => (await Promise.all(ids.map(([queue, id]) => stack.queues.isCompleted(queue, id)))).filter(Boolean).length;
  await waitUntil('the jobs accepted before the restart to complete', async () => (await finished()) === ids.length, 30_000, 200).catch(() => undefined);
  const lost = ids.length - (await finished());
  const longestProbe = Math.max(...probes.map((a) => a.ms));
  const all = load.inPhase(NAME);
  return {
    row: rowOf(NAME, [...all, ...probes.filter((p) => !(all as Answer[]).includes(p))], {
      'jobs accepted before': `${accepted.default.length} default + ${accepted.leaderboard.length} leaderboard`,
      'longest answer while down': seconds(longestProbe),
      'api answering again after': seconds(apiRecoveryMs),
      'worker path again after': seconds(spotifyPathMs),
      'jobs lost': String(lost),
    }),
    checks: [
      check(NAME, 'ratings were acknowledged before the restart', rated.map((a) => a.kind).join(', '), rated.every((a) => a.status === 200)),
      check(NAME, 'work was pending for the stopped workers', `${accepted.default.length} + ${accepted.leaderboard.length}`, accepted.default.length > 0 && accepted.leaderboard.length > 0),
      check(NAME, 'while down: every probe answered quickly (no hang)', `${seconds(longestProbe)} ≤ 5.00 s`, longestProbe <= 5000),
      check(NAME, 'while down: searches answer 503 queue_unavailable', Object.entries(countKinds(searchProbes)).map(([k, n]) => `${k}×${n}`).join(', '), searchProbes.every((p) => p.kind === '503 queue_unavailable')),
      check(NAME, 'while down: ratings, leaderboard, healthz still answer', Object.entries(countKinds(otherProbes)).map(([k, n]) => `${k}×${n}`).join(', '), otherProbes.every((p) => p.status === 200)),
      check(NAME, 'while down: no 500, only documented answers', unacceptable(probes).join(', ') || 'none other', unacceptable(probes).length === 0),
      check(NAME, 'while down: every process alive', JSON.stringify(aliveWhileDown), Object.values(aliveWhileDown).every(Boolean)),
      check(NAME, 'api recovers by itself after Redis returns', `${seconds(apiRecoveryMs)} ≤ 5.00 s`, apiRecoveryMs <= 5000),
      check(NAME, 'data written before the restart persisted (AOF)', marker, marker === 'acknowledged-before-restart'),
      check(NAME, 'jobs accepted before the restart completed after it (jobs lost)', lost, lost === 0),
      check(NAME, 'answers of the phase: only documented kinds', unacceptable(all).join(', ') || 'none other', unacceptable(all).length === 0),
    ],
  };
}
