/** The Redis keys of the Spotify path, under the queue prefix P (QUEUE_PREFIX, default `bull`). */
export interface SpotifyKeys {
  /** Sorted set of upstream request slots (rolling window); written only by worker-spotify's gate. */
  budget: string;
  /** Epoch ms string: short Retry-After pause every gate waits for. */
  pauseUntil: string;
  /** JSON `{ until, reason, setAt }` with PX expiry: no Spotify calls until `until`. */
  cooldown: string;
  /** Hash `{ limit, probeAt }`: the adaptive limit learned from 429s while it is below the configured budget. */
  adaptive: string;
  /** Sorted set of the budget slots background calls took (same scores as `budget`): their share of the window. */
  backgroundBudget: string;
  /** Sorted set of interactive calls waiting in a gate for a slot (score = epoch ms their wait ends): background yields to them. */
  interactiveWaiting: string;
  /**
   * Sorted set of the same waiting interactive calls by their deadline (score = epoch ms): a free slot goes to the
   * waiting call whose deadline comes first, so calls are served in the order admission predicted.
   */
  interactiveOrder: string;
  /**
   * Whole ms with PX expiry: how long Spotify typically takes to answer one request (the median of worker-spotify's
   * last successful requests). Admission adds it to its prediction: a call must get its answer, not only send its last
   * request, before its deadline.
   */
  upstreamLatency: string;
  /**
   * Sorted set per client (the api's client identity) of its admitted calls (score = predicted slot, epoch ms; each
   * kept until its slot leaves the rolling window, PX expiry a window after the last): how much of the window the
   * client holds, its turn for a fair share.
   */
  clientTurns(client: string): string;
  /** Sorted set of the clients holding calls in the rolling window (score = their last predicted slot): the fair share's divisor. */
  clients: string;
}

export function spotifyKeys(prefix: string): SpotifyKeys {
  return {
    budget: `${prefix}:spotify:budget`,
    pauseUntil: `${prefix}:spotify:pause-until`,
    cooldown: `${prefix}:spotify:cooldown`,
    adaptive: `${prefix}:spotify:adaptive`,
    backgroundBudget: `${prefix}:spotify:budget-background`,
    interactiveWaiting: `${prefix}:spotify:interactive-waiting`,
    interactiveOrder: `${prefix}:spotify:interactive-order`,
    upstreamLatency: `${prefix}:spotify:upstream-latency`,
    clientTurns: (client) => `${prefix}:spotify:client-turns:${client}`,
    clients: `${prefix}:spotify:clients`,
  };
}
