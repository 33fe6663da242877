import { randomUUID } from 'node:crypto';
import { call, type Answer } from '../support/http-client';
import { signHs256 } from '../support/jwt';
import { sleep } from '../support/ports';
import { check, rowOf, unacceptable } from '../support/report';
import { seconds, type FaultContext, type ScenarioResult } from './scenario';

const NAME = 'PostgreSQL stopped (immediate) while ratings are written';

interface Write {
  user: string;
  album: string;
  score: number;
  answer: Answer;
  at: number;
}

/**
 * Three writers rate albums (each write a new user, so every acknowledged rating is one row to find again) while
 * PostgreSQL is stopped with `pg_ctl -m immediate` (a crash: no checkpoint) and started again. The API must refuse
 * clearly (503) while it is down, recover by itself, and lose nothing it acknowledged with 200.
 */
export async function postgresStopScenario({ stack, load, albumIds }: FaultContext): Promise<ScenarioResult> {
  load.setPhase(NAME);
  const albums = albumIds().slice(0, 5);
  const writes: Write[] = [];
  const reads: Answer[] = [];
  let running = true;
  const writer = async () => {
    while (running) {
      const user = randomUUID();
      const album = albums[writes.length % albums.length]!;
      const score = 1 + (writes.length % 10);
      const at = Date.now();
      const answer = await call(`${stack.apiUrl}/api/v1/albums/${album}/rating`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${signHs256(user, stack.secrets.jwtSecret, stack.jwtIssuer)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ score }),
      });
      writes.push({ user, album, score, answer, at });
      if (writes.length % 10 === 0) reads.push(await call(`${stack.apiUrl}/api/v1/leaderboard?window=week`));
      await sleep(30);
    }
  };
  const writers = [writer(), writer(), writer()];
  await sleep(1500);
  await stack.pg.stop('immediate');
  const downAt = Date.now(); // pg_ctl -w has returned: the server is gone
  await sleep(3000);
  const aliveWhileDown = stack.liveness();
  const startingAt = Date.now();
  await stack.pg.start();
  const upAt = Date.now();
  await sleep(2500);
  running = false;
  await Promise.all(writers);

  const acknowledged = writes.filter((w) => w.answer.status === 200);
  const whileDown = writes.filter((w) => w.at >= downAt && w.at < startingAt);
  const firstAfter = writes.filter((w) => w.at >= upAt && w.answer.status === 200).sort((a, b) => a.at - b.at)[0];
  const recoveryMs = firstAfter ? firstAfter.at + firstAfter.answer.ms - upAt : Number.POSITIVE_INFINITY;
  const values = acknowledged.map((w) => `('${w.user}'::uuid,'${w.album}',${w.score})`).join(',');
  const missing = values
    ? Number(await stack.pg.psql('albumboard', `select count(*) from (values ${values}) as v(u, a, s) left join public.ratings r on r.user_id = v.u and r.album_id = v.a and r.score = v.s where r.user_id is null`))
    : 0;
  const answers = [...writes.map((w) => w.answer), ...reads];
  const longestDown = Math.max(0, ...whileDown.map((w) => w.answer.ms));
  return {
    row: rowOf(NAME, answers, {
      'writes acknowledged (200)': String(acknowledged.length),
      'refused while down': String(whileDown.filter((w) => w.answer.status === 503).length),
      'longest answer while down': seconds(longestDown),
      'writes again after restart': seconds(recoveryMs),
      'acknowledged ratings missing after restart': String(missing),
    }),
    checks: [
      check(NAME, 'writes were acknowledged before and after', acknowledged.length, acknowledged.length > 20),
      check(NAME, 'while down: writes refused 503 database_unavailable', [...new Set(whileDown.map((w) => w.answer.kind))].join(', '), whileDown.length > 0 && whileDown.every((w) => w.answer.kind === '503 database_unavailable')),
      check(NAME, 'while down: refused quickly (no hang)', `${seconds(longestDown)} ≤ 5.00 s`, longestDown <= 5000),
      check(NAME, 'while down: every process alive', JSON.stringify(aliveWhileDown), Object.values(aliveWhileDown).every(Boolean)),
      check(NAME, 'writes succeed again after PostgreSQL returns', `${seconds(recoveryMs)} ≤ 10.00 s`, recoveryMs <= 10_000),
      check(NAME, 'every acknowledged rating is in the database (lost)', missing, missing === 0),
      check(NAME, 'answers: only documented kinds', unacceptable(answers).join(', ') || 'none other', unacceptable(answers).length === 0),
    ],
  };
}
