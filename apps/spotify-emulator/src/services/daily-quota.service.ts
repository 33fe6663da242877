export type QuotaDecision = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * Development-mode daily quota. Accepted requests are counted from start (or reset); once `quota`
 * were accepted, every request is refused until `retryAfterS` seconds after the moment the quota
 * was first found exhausted, when the count starts again from zero. Retry-After is the honest
 * remaining time.
 */
export class DailyQuota {
  used = 0;
  private exhaustedAt: number | null = null;

  check(now: number, quota: number, retryAfterS: number): QuotaDecision {
    if (this.exhaustedAt !== null && now - this.exhaustedAt >= retryAfterS * 1000) this.reset();
    if (quota <= 0 || this.used < quota) return { allowed: true };
    this.exhaustedAt ??= now;
    const remainingMs = this.exhaustedAt + retryAfterS * 1000 - now;
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }

  record(): void {
    this.used += 1;
  }

  reset(): void {
    this.used = 0;
    this.exhaustedAt = null;
  }
}
