/**
 * What a user gets back from a search, reduced to four kinds so every design is counted the same way:
 * - `ok`    an answer with results (HTTP 200);
 * - `503`   "Spotify is unavailable, retry later" answered on purpose (cool-down, rate limited, queue down, busy: no
 *           budget slot before the deadline, no worker listening);
 * - `504`   the user's deadline passed first (worker timed out, gateway timeout);
 * - `other` anything else (a 5xx or network failure passed on as a 502/500, a failed job, a crash).
 * Errors map like apps/api's spotify-error-mapper, whatever the design: a 429 that reaches the API
 * (after the design's own retries) is answered 503.
 */
export const ANSWER_KINDS = ['ok', '503', '504', 'other'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

const CODE_TO_KIND: Record<string, AnswerKind> = {
  cooldown: '503',
  rate_limited: '503',
  queue_unavailable: '503',
  busy: '503',
  worker_unavailable: '503',
  deadline_exceeded: '503',
  worker_timeout: '504',
  aborted: '504',
};

/** Classifies an HTTP status returned to a user. */
export function kindFromStatus(status: number): AnswerKind {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 503) return '503';
  if (status === 504) return '504';
  return 'other';
}

/**
 * Classifies an error thrown to an API-like caller: an explicit `answerKind` (an HTTP answer), a SpotifyError
 * code, or the bench's own deadline.
 */
export function kindFromError(error: unknown): AnswerKind {
  if (error instanceof UserDeadlineError) return '504';
  const given = (error as { answerKind?: unknown } | null)?.answerKind;
  if (typeof given === 'string' && (ANSWER_KINDS as readonly string[]).includes(given)) return given as AnswerKind;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in CODE_TO_KIND) return CODE_TO_KIND[code];
  return 'other';
}

/** Raised by the bench when a user's request outlives its deadline (an API's gateway timeout). */
export class UserDeadlineError extends Error {
  constructor() {
    super('user deadline passed');
    this.name = 'UserDeadlineError';
  }
}

export function emptyKindCounts(): Record<AnswerKind, number> {
  return { ok: 0, '503': 0, '504': 0, other: 0 };
}
