import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  accessToken: string;
  expiresInS: number;
}

/** Access tokens issued by the emulator's accounts service, with their expiry (monotonic ms). */
export class TokenStore {
  private readonly tokens = new Map<string, number>();

  issue(now: number, ttlS: number): IssuedToken {
    if (this.tokens.size > 10_000) this.pruneExpired(now);
    const accessToken = `BQ${randomBytes(84).toString('base64url')}`;
    this.tokens.set(accessToken, now + ttlS * 1000);
    return { accessToken, expiresInS: ttlS };
  }

  isValid(token: string, now: number): boolean {
    const expiresAt = this.tokens.get(token);
    return expiresAt !== undefined && now < expiresAt;
  }

  /** Marks every issued token as expired; returns how many there were. */
  expireAll(): number {
    for (const token of this.tokens.keys()) this.tokens.set(token, Number.NEGATIVE_INFINITY);
    return this.tokens.size;
  }

  activeCount(now: number): number {
    let n = 0;
    for (const expiresAt of this.tokens.values()) if (now < expiresAt) n += 1;
    return n;
  }

  clear(): void {
    this.tokens.clear();
  }

  private pruneExpired(now: number): void {
    for (const [token, expiresAt] of this.tokens) if (now >= expiresAt) this.tokens.delete(token);
  }
}
