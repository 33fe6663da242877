import { sleep, waitUntil } from '../support/ports';
import { check, countKinds, rowOf, unacceptable, type Check } from '../support/report';
import type { RecordedAnswer } from '../support/search-load';
import { CALL_DEADLINE_MS, seconds, type FaultContext, type ScenarioResult } from './scenario';

const NAME = 'Spotify failing (emulator faults)';
const KINDS = ['http500', 'http502', 'http503', 'hang', 'reset', 'malformedJson'] as const;
/** worker-spotify's client: 3 retries of a 5xx or network failure, so at most 4 attempts per HTTP request. */
const ATTEMPTS = 4;
const NO_FAULTS = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
const BURST = 4;

/** Waits until the spotify queue has nothing waiting or running (jobs of an earlier phase end at their deadline). */
async function settle(stack: FaultContext['stack']): Promise<void> {
  await waitUntil('the spotify queue to be idle', async () => {
    const c = await stack.queues.counts('spotify');
    return c.wait + c.active + c.prioritized === 0;
  }, CALL_DEADLINE_MS + 5000);
}

/**
 * Makes every upstream request fail, one kind of failure at a time (bursts of fresh searches under the steady load),
 * then answers every request with a 20 000 s Retry-After. No process may crash, users get clear errors, retries stay
 * bounded, and after the long Retry-After nothing at all is sent upstream while the API answers 503 with Retry-After.
 */
export async function emulatorFaultsScenario({ stack, load, fresh }: FaultContext): Promise<ScenarioResult> {
  const checks: Check[] = [];
  const measures: Record<string, string> = {};
  const answers: RecordedAnswer[] = [];
  // The load goes on with cached searches only, so every upstream request of a window belongs to the burst.
  const share = load.setFreshShare(0);
  for (const kind of KINDS) {
    const phase = `${NAME}: ${kind}`;
    load.setPhase(phase);
    await settle(stack);
    const before = await stack.emulatorStats();
    await stack.configureEmulator({ faults: { ...NO_FAULTS, [kind]: 1 } });
    const burst = await Promise.all(Array.from({ length: BURST }, () => load.search(fresh.take())));
    await stack.configureEmulator({ faults: NO_FAULTS });
    await settle(stack);
    const after = await stack.emulatorStats();
    // Each call is one searchArtists request, then (if it succeeded) one artist-albums page; each at most ATTEMPTS times.
    const calls = load.inPhase(phase).filter((a) => a.fresh).length; // the burst, and any fresh search of the load
    const searches = (after.byEndpoint['GET /v1/search'] ?? 0) - (before.byEndpoint['GET /v1/search'] ?? 0);
    const upstream = after.requests - before.requests;
    answers.push(...load.inPhase(phase));
    measures[kind] = `${Object.entries(countKinds(burst)).map(([k, n]) => `${k}×${n}`).join(' ')}, ${upstream} upstream requests for ${calls} calls`;
    checks.push(
      check(phase, 'burst answered with a clear error', Object.keys(countKinds(burst)).join(', '), burst.every((a) => /^(502 upstream_error|504 worker_timeout|503 spotify_unavailable|503 spotify_busy)$/.test(a.kind))),
      check(phase, `search requests upstream ≤ ${ATTEMPTS} × calls`, `${searches} ≤ ${ATTEMPTS * calls}`, searches <= ATTEMPTS * calls),
      check(phase, `all requests upstream ≤ ${ATTEMPTS} × 2 × calls`, `${upstream} ≤ ${ATTEMPTS * 2 * calls}`, upstream <= ATTEMPTS * 2 * calls),
      check(phase, 'every process alive', JSON.stringify(stack.liveness()), Object.values(stack.liveness()).every(Boolean)),
    );
  }
  load.setFreshShare(share);

  const phase = `${NAME}: Retry-After 20000 s`;
  load.setPhase(phase);
  await stack.configureEmulator({ forceRetryAfterS: 20_000 });
  const first = await load.search(fresh.take());
  const cooldown = JSON.parse((await stack.redis.cli('GET', `${stack.prefix}:spotify:cooldown`)) || '{}') as { until?: number; reason?: string };
  const frozen = await stack.emulatorStats();
  const later: RecordedAnswer[] = [];
  const until = Date.now() + 3000;
  while (Date.now() < until) {
    later.push(...(await Promise.all(Array.from({ length: 3 }, () => load.search(fresh.take())))));
    await sleep(200);
  }
  const after = await stack.emulatorStats();
  await stack.configureEmulator({ forceRetryAfterS: null });
  await stack.redis.cli('DEL', `${stack.prefix}:spotify:cooldown`); // the operator lifts the cool-down
  const lifted = await load.search(fresh.take());
  answers.push(...load.inPhase(phase));
  const quickest = Math.min(...later.map((a) => a.retryAfter ?? 0));
  measures['Retry-After 20000 s'] = `first ${first.kind} (Retry-After ${first.retryAfter ?? '-'}), then ${later.length} fresh searches: ${Object.entries(countKinds(later)).map(([k, n]) => `${k}×${n}`).join(' ')}, ${after.requests - frozen.requests} upstream requests`;
  checks.push(
    check(phase, 'the long Retry-After opened a cool-down', `${cooldown.reason ?? 'none'}, ${seconds((cooldown.until ?? 0) - Date.now())} left`, (cooldown.until ?? 0) - Date.now() > 19_000_000),
    check(phase, 'first answer: 503 spotify_unavailable with Retry-After ≈ 20000', `${first.kind}, Retry-After ${first.retryAfter}`, first.kind === '503 spotify_unavailable' && (first.retryAfter ?? 0) >= 19_990),
    check(phase, 'then every fresh search: 503 with Retry-After, at once', `${Object.keys(countKinds(later)).join(', ')}, Retry-After ≥ ${quickest}, longest ${seconds(Math.max(...later.map((a) => a.ms)))}`, later.every((a) => a.kind === '503 spotify_unavailable' && (a.retryAfter ?? 0) >= 19_000 && a.ms < 2000)),
    check(phase, 'no upstream request during the cool-down', after.requests - frozen.requests, after.requests === frozen.requests && after.tokens.requests === frozen.tokens.requests),
    check(phase, 'searches answer again once the cool-down is lifted', lifted.kind, lifted.status === 200),
    check(NAME, 'answers of the scenario: only documented kinds', unacceptable(answers).join(', ') || 'none other', unacceptable(answers).length === 0),
  );
  return { row: rowOf(NAME, answers, measures), checks };
}
