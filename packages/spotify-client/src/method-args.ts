import { isSpotifyMethodName, spotifyMethods, type SpotifyMethodArgs, type SpotifyMethodName } from '@albumboard/queue-contracts';
import type { z } from 'zod';
import { SpotifyBadRequestError } from './errors';

/** A short, value-free summary of zod issues (paths and messages only). */
export function summarizeIssues(error: z.ZodError, max = 200): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
    .slice(0, max);
}

/** Checks that `method` is on the closed list; SpotifyBadRequestError otherwise. */
export function assertSpotifyMethod(method: unknown): asserts method is SpotifyMethodName {
  if (!isSpotifyMethodName(method)) {
    throw new SpotifyBadRequestError(`Unknown Spotify method "${String(method).slice(0, 60)}"`);
  }
}

/** Parses the arguments of `method` with the contract (defaults applied); SpotifyBadRequestError when invalid. */
export function parseMethodArgs<M extends SpotifyMethodName>(method: M, args: unknown): SpotifyMethodArgs<M> {
  assertSpotifyMethod(method);
  const parsed = spotifyMethods[method].args.safeParse(args);
  if (!parsed.success) {
    throw new SpotifyBadRequestError(`Invalid arguments for ${method}: ${summarizeIssues(parsed.error)}`);
  }
  return parsed.data as SpotifyMethodArgs<M>;
}
