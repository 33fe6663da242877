import type { RequestHandler } from 'express';
import { z } from 'zod';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** How long this request's Spotify call may wait (ms), when the caller's `Prefer: wait=N` shortened it. */
      preferredWaitMs?: number;
    }
  }
}

export const PREFERENCE_APPLIED_HEADER = 'Preference-Applied';

/** RFC 7240 `wait`: delta-seconds, whole and positive here (0 would leave no time to ask Spotify at all). */
const waitSeconds = z.string().regex(/^\d{1,9}$/).transform(Number).pipe(z.number().int().min(1));

/**
 * The `wait` preference of a `Prefer` header (RFC 7240 §4.3), in seconds, or undefined when there is none or it is
 * not a whole positive number of seconds. Preferences are comma-separated `token[=value]` with `;` parameters, names
 * case-insensitive, values optionally quoted; only the first `wait` counts (§2). An unusable value is ignored, as RFC
 * 7240 asks of preferences a server does not understand: the request is served as if it had none.
 */
export function preferredWaitS(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  for (const preference of header.split(',')) {
    const [name, ...value] = (preference.split(';')[0] ?? '').split('=');
    if (name?.trim().toLowerCase() !== 'wait') continue;
    const parsed = waitSeconds.safeParse(value.join('=').trim().replace(/^"(.*)"$/, '$1'));
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}

/**
 * `Prefer: wait=N`: the caller will not wait longer than N seconds, so this request's Spotify call gets N seconds
 * instead of `maxWaitMs` (SPOTIFY_CALL_TIMEOUT_MS), and a call that cannot be answered in N seconds is refused at
 * once (503 `spotify_busy`). Applied only when it shortens the server's own wait (never lengthens it); then the answer,
 * whatever it is, carries `Preference-Applied: wait=N`. Malformed, zero or longer waits are ignored, without the header.
 */
export function preferWait(maxWaitMs: number): RequestHandler {
  return (req, res, next) => {
    const seconds = preferredWaitS(req.get('prefer'));
    if (seconds !== undefined && seconds * 1000 <= maxWaitMs) {
      res.locals.preferredWaitMs = seconds * 1000;
      res.setHeader(PREFERENCE_APPLIED_HEADER, `wait=${seconds}`);
    }
    next();
  };
}
