export const WINDOW_MS = 30_000;

export type WindowDecision = { allowed: true } | { allowed: false; retryAfterS: number };

/**
 * Accepted-request timestamps over a rolling window. A request at `now` sees every accepted
 * request with `t > now - windowMs`. `maxCount` is the most accepted requests ever seen inside
 * one window: since any window can slide until its right edge sits on an accepted request, the
 * count taken at each acceptance (the request itself included) is exact.
 */
export class RollingWindow {
  private stamps: number[] = [];
  private head = 0;
  maxCount = 0;

  constructor(private readonly windowMs = WINDOW_MS) {}

  count(now: number): number {
    this.prune(now);
    return this.stamps.length - this.head;
  }

  /** Whether one more request may be accepted under `limit` (0 = unlimited), and if not, when. */
  check(now: number, limit: number): WindowDecision {
    if (limit <= 0) return { allowed: true };
    const inWindow = this.count(now);
    if (inWindow < limit) return { allowed: true };
    // Count drops below the limit when the (inWindow - limit + 1)-th oldest stamp leaves.
    const leaving = this.stamps[this.head + (inWindow - limit)] ?? now;
    const waitMs = leaving + this.windowMs - now;
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  record(now: number): void {
    this.stamps.push(now);
    this.maxCount = Math.max(this.maxCount, this.count(now));
  }

  reset(): void {
    this.stamps = [];
    this.head = 0;
    this.maxCount = 0;
  }

  private prune(now: number): void {
    const edge = now - this.windowMs;
    while (this.head < this.stamps.length && (this.stamps[this.head] as number) <= edge) this.head += 1;
    if (this.head > 4096 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }
}
