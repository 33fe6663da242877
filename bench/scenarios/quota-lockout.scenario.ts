import type { Scenario, ScenarioSettings } from './scenario';
import { distinctLoadScenario } from './distinct-load.scenario';

/** Retry-After of the lock-out: hours, like Spotify's development-mode daily quota. */
export const LOCKOUT_RETRY_AFTER_S = 4 * 3600;

/**
 * Traffic at the budget; a third of the way in, Spotify's quota runs out and every request is refused with a
 * QUOTA_EXCEEDED 429 and a Retry-After of hours (the emulator's `dailyQuota` set to what was already used).
 */
export function quotaLockoutScenario(settings: ScenarioSettings): Scenario {
  const base = distinctLoadScenario(
    { name: 'quota-lockout', title: 'Quota lock-out (Retry-After 4 h) at 1/3', loadFactor: 1, latencyMs: 50, durationS: 60, quickDurationS: 6 },
    settings,
  );
  const atMs = Math.round(base.durationMs / 3);
  return {
    ...base,
    description: `${base.description}; at ${atMs / 1000} s the daily quota runs out (429 QUOTA_EXCEEDED, Retry-After ${LOCKOUT_RETRY_AFTER_S} s)`,
    events: [{ atMs, kind: 'quota-lockout', retryAfterS: LOCKOUT_RETRY_AFTER_S }],
  };
}
