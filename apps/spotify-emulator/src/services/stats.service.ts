import { FAULT_KINDS, type FaultKind } from '../runtime-config';

/** Counters served by `GET /__emulator/stats` and `handle.stats()`. */
export interface EmulatorStats {
  /** Every /v1 request that reached the emulator. */
  requests: number;
  /** Requests admitted by auth, rate limit and quota (these count against the window and quota). */
  accepted: number;
  /** 2xx responses with a well-formed body. */
  ok: number;
  /** 429 "API rate limit exceeded" answers (rolling window or forceRetryAfterS). */
  rateLimited: number;
  /** 429 QUOTA_EXCEEDED answers. */
  quotaExceeded: number;
  /** 401 answers. */
  unauthorized: number;
  /** /v1 requests currently open (latency included). */
  inFlight: number;
  maxInFlight: number;
  /** Most requests accepted inside any rolling 30 s window. */
  maxPer30s: number;
  /** Requests accepted in the last 30 s. */
  inWindow: number;
  /** Requests counted against the daily quota since the last quota reset. */
  quotaUsed: number;
  /** Requests by route template, e.g. `GET /v1/search`. */
  byEndpoint: Record<string, number>;
  /** Status codes by route template. */
  byEndpointStatus: Record<string, Record<string, number>>;
  /** Responses by status code (hang/reset have none). */
  byStatus: Record<string, number>;
  /** Injected faults by kind. */
  faults: Record<FaultKind, number>;
  /** Accounts service (`POST /api/token`), never rate limited. */
  tokens: { requests: number; issued: number; errors: number; active: number };
}

type Counters = Omit<EmulatorStats, 'inWindow' | 'quotaUsed' | 'maxPer30s' | 'tokens' | 'inFlight'> & {
  tokenRequests: number;
  tokensIssued: number;
  tokenErrors: number;
};

function zeroFaults(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
}

function fresh(): Counters {
  return {
    requests: 0, accepted: 0, ok: 0, rateLimited: 0, quotaExceeded: 0, unauthorized: 0, maxInFlight: 0,
    byEndpoint: {}, byEndpointStatus: {}, byStatus: {}, faults: zeroFaults(),
    tokenRequests: 0, tokensIssued: 0, tokenErrors: 0,
  };
}

const bump = (map: Record<string, number>, key: string): void => {
  map[key] = (map[key] ?? 0) + 1;
};

export class StatsCollector {
  private c: Counters = fresh();
  private inFlight = 0;

  /** A /v1 request arrived; returns the function to call once it is closed. */
  begin(endpoint: string): () => void {
    this.c.requests += 1;
    bump(this.c.byEndpoint, endpoint);
    this.inFlight += 1;
    this.c.maxInFlight = Math.max(this.c.maxInFlight, this.inFlight);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
    };
  }

  finished(endpoint: string, status: number, malformed: boolean): void {
    bump(this.c.byStatus, String(status));
    this.c.byEndpointStatus[endpoint] ??= {};
    bump(this.c.byEndpointStatus[endpoint] as Record<string, number>, String(status));
    if (status >= 200 && status < 300 && !malformed) this.c.ok += 1;
  }

  accepted(): void { this.c.accepted += 1; }
  rateLimited(): void { this.c.rateLimited += 1; }
  quotaExceeded(): void { this.c.quotaExceeded += 1; }
  unauthorized(): void { this.c.unauthorized += 1; }
  fault(kind: FaultKind): void { this.c.faults[kind] += 1; }
  tokenRequest(ok: boolean): void {
    this.c.tokenRequests += 1;
    if (ok) this.c.tokensIssued += 1;
    else this.c.tokenErrors += 1;
  }

  /** Zeroes the counters; requests still open keep counting in `inFlight`. */
  reset(): void {
    this.c = fresh();
    this.c.maxInFlight = this.inFlight;
  }

  snapshot(extra: { maxPer30s: number; inWindow: number; quotaUsed: number; tokensActive: number }): EmulatorStats {
    const c = this.c;
    return {
      requests: c.requests,
      accepted: c.accepted,
      ok: c.ok,
      rateLimited: c.rateLimited,
      quotaExceeded: c.quotaExceeded,
      unauthorized: c.unauthorized,
      inFlight: this.inFlight,
      maxInFlight: c.maxInFlight,
      maxPer30s: extra.maxPer30s,
      inWindow: extra.inWindow,
      quotaUsed: extra.quotaUsed,
      byEndpoint: { ...c.byEndpoint },
      byEndpointStatus: Object.fromEntries(Object.entries(c.byEndpointStatus).map(([k, v]) => [k, { ...v }])),
      byStatus: { ...c.byStatus },
      faults: { ...c.faults },
      tokens: { requests: c.tokenRequests, issued: c.tokensIssued, errors: c.tokenErrors, active: extra.tokensActive },
    };
  }
}
