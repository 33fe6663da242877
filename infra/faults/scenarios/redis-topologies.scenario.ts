import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisCluster, startSentinelSet, startTlsRedis } from '@albumboard/redis-connection/test-support';
import { call, type Answer } from '../support/http-client';
import { signHs256 } from '../support/jwt';
import { sleep, waitUntil } from '../support/ports';
import { check, countKinds, rowOf, unacceptable, type Check } from '../support/report';
import { FreshNames, SearchLoad } from '../support/search-load';
import { scanForSecrets } from '../support/secret-scan';
import { Stack, type ExternalRedis } from '../support/stack';
import { seconds, type ScenarioResult } from './scenario';

/** A Redis set-up the suite starts for one topology run, as the apps are told about it. */
interface TopologyServers {
  redis: ExternalRedis;
  /** Sentinel only: `SENTINEL FAILOVER`, resolving once the sentinels report the new master. */
  failover?: () => Promise<number>;
  stop(): Promise<void>;
}

interface Topology {
  name: string;
  start(dir: string): Promise<TopologyServers>;
}

/** Where users run albumboard beyond one plain Redis (docs/deployment.md): Heroku's TLS, a Cluster, Sentinel. */
export const TOPOLOGIES: Topology[] = [
  {
    name: 'TLS Redis, self-signed certificate (Heroku), REDIS_TLS_REJECT_UNAUTHORIZED=false',
    start: async (dir) => {
      const tls = await startTlsRedis(dir);
      return { redis: { env: { REDIS_URL: tls.url, REDIS_TLS_REJECT_UNAUTHORIZED: 'false' }, prefix: 'faults' }, stop: tls.stop };
    },
  },
  {
    name: 'Redis Cluster, 3 masters, QUEUE_PREFIX {faults}',
    start: async (dir) => {
      const cluster = await startRedisCluster(dir, 3);
      return { redis: { env: { REDIS_CLUSTER_NODES: cluster.nodes }, prefix: '{faults}' }, stop: cluster.stop };
    },
  },
  {
    name: 'Sentinel (master, replica, 3 sentinels), SENTINEL FAILOVER under load',
    start: async (dir) => {
      const set = await startSentinelSet(dir, 'albumboard', 3);
      return { redis: { env: { REDIS_SENTINELS: set.sentinelNodes, REDIS_SENTINEL_NAME: set.name }, prefix: 'faults' }, failover: set.failover, stop: set.stop };
    },
  },
];

type BoardEntry = { album: { id: string }; ratingCount: number };

/**
 * The whole stack as processes on one Redis topology: a search answers, a rating reaches the leaderboard, and with
 * Sentinel, a failover under a steady search load: searches answer again without a restart (time to the first good
 * fresh search reported), every worker listens again on the new master, a rating made before and one after the
 * failover both reach the board, and every process stays up.
 */
export async function redisTopologyScenario(topology: Topology): Promise<ScenarioResult> {
  const name = topology.name;
  const redisDir = mkdtempSync(join(tmpdir(), 'albumboard-faults-redis-'));
  const servers = await topology.start(redisDir);
  const run = new Stack({ redis: servers.redis });
  const checks: Check[] = [];
  const answers: Answer[] = [];
  const measures: Record<string, string> = {};
  const fresh = new FreshNames(7000);
  try {
    const bootStarted = Date.now();
    await run.boot();
    measures['stack booted in'] = seconds(Date.now() - bootStarted);
    const api = run.apiUrl;
    const token = () => `Bearer ${signHs256(randomUUID(), run.secrets.jwtSecret, run.jwtIssuer)}`;
    const rate = (albumId: string, score: number) =>
      call(`${api}/api/v1/albums/${albumId}/rating`, { method: 'PUT', headers: { authorization: token(), 'content-type': 'application/json' }, body: JSON.stringify({ score }) });
    const board = async () => ((await call(`${api}/api/v1/leaderboard?limit=50`)).body as { items?: BoardEntry[] } | undefined)?.items ?? [];
    const onBoard = (albumId: string, count: number) => waitUntil(`album ${albumId} on the board`, async () => (await board()).some((e) => e.album.id === albumId && e.ratingCount >= count), 30_000, 250).catch(() => -1);

    const search = await call(`${api}/api/v1/search?query=${encodeURIComponent('Sigur Rós')}`);
    answers.push(search);
    const albumIds = ((search.body as { items?: { id: string }[] } | undefined)?.items ?? []).map((a) => a.id);
    checks.push(check(name, 'a search answers 200 with albums', `${search.kind}, ${albumIds.length} albums`, search.status === 200 && albumIds.length >= 3));
    const first = await rate(albumIds[0] ?? 'none', 9);
    const firstOnBoard = await onBoard(albumIds[0] ?? 'none', 1);
    measures['rating on the board after'] = firstOnBoard < 0 ? 'never' : seconds(firstOnBoard);
    checks.push(check(name, 'a rating reaches the leaderboard', `${first.kind}, on the board ${firstOnBoard < 0 ? 'never (30 s)' : `after ${seconds(firstOnBoard)}`}`, first.status === 200 && firstOnBoard >= 0));

    if (servers.failover) {
      const steady = new SearchLoad(api, fresh, { clients: 3, pauseMs: 100, freshShare: 0.5 });
      steady.setPhase(name);
      steady.start();
      await sleep(1500);
      const before = await rate(albumIds[1] ?? 'none', 7);
      const failedOverAt = Date.now();
      let reportedMs = -1;
      const promoted = servers.failover().then((port) => {
        reportedMs = Date.now() - failedOverAt;
        return port;
      });
      // Fresh searches from the moment of SENTINEL FAILOVER: the first 200 answered after the new master was
      // reported is the time to the first good search (one answered before that still went to the old master).
      let firstGoodMs = -1;
      while (firstGoodMs < 0 && Date.now() - failedOverAt < 60_000) {
        const probe = await steady.search(fresh.take(), '10.9.0.3');
        if (probe.status === 200 && reportedMs >= 0 && probe.at - failedOverAt >= reportedMs) firstGoodMs = probe.at + probe.ms - failedOverAt;
        else await sleep(50);
      }
      const newMaster = await promoted;
      await sleep(2000);
      await steady.stop();
      answers.push(...steady.inPhase(name));
      const after = await rate(albumIds[2] ?? 'none', 8);
      const ready = await waitUntil('/readyz to answer ready on the new master', async () => (await call(`${api}/readyz`)).status === 200, 20_000, 200).catch(() => -1);
      const [beforeOnBoard, afterOnBoard] = await Promise.all([onBoard(albumIds[1] ?? 'none', 1), onBoard(albumIds[2] ?? 'none', 1)]);
      const kinds = Object.entries(countKinds(steady.inPhase(name))).map(([k, n]) => `${k}×${n}`).join(', ');
      measures['new master reported after'] = seconds(reportedMs);
      measures['first good fresh search after'] = firstGoodMs < 0 ? 'never' : seconds(firstGoodMs);
      measures['answers under load'] = kinds;
      checks.push(
        check(name, 'the sentinels promoted the replica', `new master on port ${newMaster}`, Number.isFinite(newMaster) && newMaster > 0),
        check(name, 'a fresh search answers 200 again without a restart (time from SENTINEL FAILOVER)', firstGoodMs < 0 ? 'never (60 s)' : seconds(firstGoodMs), firstGoodMs >= 0),
        check(name, 'every worker listens again on the new master (/readyz ready)', ready < 0 ? 'not ready after 20 s' : `ready after ${seconds(ready)}`, ready >= 0),
        check(name, 'a rating made before the failover reaches the board', `${before.kind}, ${beforeOnBoard < 0 ? 'never' : seconds(beforeOnBoard)}`, before.status === 200 && beforeOnBoard >= 0),
        check(name, 'a rating made after the failover reaches the board', `${after.kind}, ${afterOnBoard < 0 ? 'never' : seconds(afterOnBoard)}`, after.status === 200 && afterOnBoard >= 0),
        check(name, 'answers across the failover: only documented kinds', unacceptable(steady.inPhase(name)).join(', ') || 'none other', unacceptable(steady.inPhase(name)).length === 0),
      );
    }
    const alive = run.liveness();
    checks.push(check(name, 'every process alive', JSON.stringify(alive), Object.keys(alive).length === 5 && Object.values(alive).every(Boolean)));
  } catch (error) {
    checks.push(check(name, 'ran to the end', (error as Error).message.split('\n')[0] ?? 'error', false));
  } finally {
    await run.close().catch((error: unknown) => checks.push(check(name, 'stopped cleanly', (error as Error).message, false)));
    await servers.stop();
  }
  const scan = scanForSecrets(run.started.map((p) => p.logFile), Object.values(run.secrets));
  checks.push(check(name, `log lines containing a secret (of ${scan.lines} lines)`, scan.leaks.length, scan.leaks.length === 0));
  return { row: rowOf(name, answers, measures), checks, dirs: [run.tmp, run.pg.root, redisDir] };
}
