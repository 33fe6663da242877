import { randomUUID } from 'node:crypto';
import { silentLogger } from '@albumboard/observability';
import { QueueName } from '@albumboard/queue-contracts';
import { createSpotifyCaller } from '@albumboard/spotify-client';
import { connectAndPing, createRedisConnection, describeRedisTarget, type RedisConnection, withTimeout } from '@albumboard/redis-connection';
import { OpsQueues } from '../operations/ops-queues';
import { pingQueue, type PingOutcome } from '../operations/queue-ping.service';
import { describeProblem, queueOverviews, type QueueOverview } from '../operations/queue-overview.service';
import { searchThroughApi, searchThroughQueue, type SearchProbeOutcome } from '../operations/search-probe.service';
import { SpotifyStatsReader, type SpotifyStats } from '../operations/spotify-stats.reader';
import type { CheckConfig } from './check-config';

export interface CheckLine {
  check: string;
  result: 'ok' | 'warn' | 'fail';
  detail: string;
}

export interface QueueRow extends Omit<QueueOverview, 'expectedWorkers' | 'problem'> {
  ping: PingOutcome | null;
}

export interface CheckReport {
  ok: boolean;
  target: { redis: string; prefix: string; api: string };
  /** The X-Request-Id of the probe search: grep the api's and worker-spotify's logs for it. */
  requestId: string;
  queues: QueueRow[];
  spotify: SpotifyStats | null;
  search: SearchProbeOutcome | null;
  lines: CheckLine[];
  /** One `FAIL <app>: <reason>` line per failure (empty when ok). */
  failures: string[];
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

async function connect(config: CheckConfig): Promise<RedisConnection> {
  const redis = createRedisConnection(config.redis, 'request');
  await connectAndPing(redis, config.redis, Math.min(config.timeoutMs, 5_000)); // disconnects on failure: the process can exit
  return redis;
}

/** Runs every check against the deployment `config` points at and returns the report (it prints nothing). */
export async function runCheck(config: CheckConfig): Promise<CheckReport> {
  const report: CheckReport = {
    ok: false,
    target: { redis: config.redis.clusterNodes || config.redis.sentinels ? describeRedisTarget(config.redis) : redactUrl(config.redisUrl), prefix: config.queuePrefix, api: config.apiUrl },
    requestId: `check-${randomUUID()}`,
    queues: [],
    spotify: null,
    search: null,
    lines: [],
    failures: [],
  };
  const line = (check: string, result: CheckLine['result'], detail: string, failure?: string) => {
    report.lines.push({ check, result, detail });
    if (result === 'fail') report.failures.push(`FAIL ${failure ?? check}: ${detail}`);
  };

  let redis: RedisConnection;
  try {
    redis = await connect(config);
    line('redis', 'ok', `answers at ${report.target.redis}`);
  } catch (error) {
    line('redis', 'fail', `did not answer at ${report.target.redis} (${(error as Error).message})`);
    return report;
  }
  const queues = new OpsQueues(redis, config.queuePrefix, silentLogger());
  try {
    const overviews = await queueOverviews(queues);
    const pings = await Promise.all(
      overviews.map((o) => (o.workers > 0 ? pingQueue(queues.get(o.queue), config.timeoutMs, report.requestId) : Promise.resolve(null))),
    );
    overviews.forEach((o, i) => {
      const { expectedWorkers: _expected, problem: _problem, ...row } = o;
      report.queues.push({ ...row, ping: pings[i] });
      const problem = describeProblem(o);
      if (o.problem === 'no_worker') line(`workers ${o.queue}`, 'fail', problem!.slice(o.app.length + 2), o.app);
      else if (o.problem === 'too_many_workers') line(`workers ${o.queue}`, 'warn', problem!.slice(o.app.length + 2));
      else line(`workers ${o.queue}`, 'ok', `${o.workers} listening`);
      const ping = pings[i];
      if (ping && ping.ok) line(`ping ${o.queue}`, 'ok', `answered in ${ping.roundTripMs.toFixed(0)} ms by ${ping.worker}`);
      else if (ping) line(`ping ${o.queue}`, 'fail', ping.reason, o.app);
    });

    report.spotify = await new SpotifyStatsReader(redis, config.queuePrefix).read();
    const { cooldown, budget, upstream429LastHour } = report.spotify;
    if (cooldown) line('spotify cool-down', 'fail', `no Spotify calls (${cooldown.reason}) until ${new Date(cooldown.until).toISOString()}`, 'worker-spotify');
    else line('spotify cool-down', 'ok', 'none');
    line('spotify 429s', upstream429LastHour > 0 ? 'warn' : 'ok', `${upstream429LastHour} in the last hour`);
    const limit = !budget.config
      ? '? (worker-spotify has not published its budget)'
      : budget.limitInForce !== null && budget.limitInForce < budget.config.budget
        ? `${budget.limitInForce} (lowered after a 429; budget ${budget.config.budget})`
        : String(budget.config.budget);
    line('spotify budget', 'ok', `${budget.used} of ${limit} requests used in the last ${(budget.windowMs / 1000).toFixed(0)} s`);

    const spotifyListening = overviews.some((o) => o.queue === QueueName.Spotify && o.workers > 0);
    if (config.search !== 'skip' && !spotifyListening) line(`search (${config.search})`, 'warn', 'skipped: no worker-spotify to answer it');
    else if (config.search !== 'skip') await probeSearch(config, redis, report, line);
  } catch (error) {
    line('redis', 'fail', `stopped answering during the check (${(error as Error).message})`);
  } finally {
    await queues.close();
    await redis.quit().catch(() => redis.disconnect());
  }
  report.ok = report.failures.length === 0;
  return report;
}

async function probeSearch(config: CheckConfig, redis: RedisConnection, report: CheckReport, line: (c: string, r: CheckLine['result'], d: string, f?: string) => void): Promise<void> {
  const input = { query: config.query, offset: Math.floor(Math.random() * 1001), requestId: report.requestId, timeoutMs: config.timeoutMs };
  const throughQueue = async (): Promise<SearchProbeOutcome> => {
    const caller = createSpotifyCaller({ mode: 'worker', connection: redis, prefix: config.queuePrefix, defaultTimeoutMs: config.timeoutMs });
    try {
      return await searchThroughQueue(caller, input);
    } finally {
      await caller.close();
    }
  };
  let path = config.search;
  let outcome = path === 'api' ? await searchThroughApi(config.apiUrl, input, config.adminToken) : await throughQueue();
  if (!outcome.ok && outcome.code === 'client_rate_limited') {
    // The api answered and enforced this address's search limit, as it should for a client that used it up: that is
    // not a fault of the deployment. The probe goes through the queue instead, so worker-spotify is still exercised.
    line('search (api)', 'warn', "the api answered 429 client_rate_limited: this address has used its searches for the minute (set ADMIN_TOKEN to the api's and the probe is not counted); searched through the queue instead");
    path = 'queue';
    outcome = await throughQueue();
  }
  report.search = outcome;
  const check = `search (${path})`;
  if (!outcome.ok) return line(check, 'fail', outcome.reason, path === 'api' ? 'api' : 'worker-spotify');
  // In words: what Spotify knows of the query, not the probe's page (a random offset, often past the last album, so
  // the answer is not in the search cache).
  const found = outcome.artist === null ? `no artist matches "${config.query}"` : `found ${outcome.artist}: ${outcome.total} album${outcome.total === 1 ? '' : 's'} on Spotify`;
  const trace = `${outcome.ms.toFixed(0)} ms, request id ${report.requestId}`;
  if (outcome.cached) line(check, 'warn', `${found}, answered from the search cache: worker-spotify not exercised (${trace})`);
  else line(check, 'ok', `${found}, answered through worker-spotify (${trace})`);
}
