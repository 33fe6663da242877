import { spotifyCallPayloadSchema, spotifyMethods, type SpotifyCall, type SpotifyCallPayloadOf, type SpotifyMethodName } from '@albumboard/queue-contracts';
import type { z } from 'zod';
import { SpotifyBadRequestError } from './errors';

/** A short, value-free summary of zod issues (paths and messages only). */
export function summarizeIssues(error: z.ZodError, max = 200): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
    .slice(0, max);
}

/**
 * Parses a call where it enters albumboard's Spotify path (a SpotifyCaller's `call`): the method must be on the closed
 * list and the arguments must match its schema (defaults applied). SpotifyBadRequestError otherwise, before any
 * Redis or HTTP request. Everything after this trusts the parsed call.
 */
export function parseSpotifyCall<M extends SpotifyMethodName>(method: M, args: unknown): SpotifyCall<M> {
  const definition = Object.prototype.hasOwnProperty.call(spotifyMethods, method) ? spotifyMethods[method] : undefined;
  if (!definition) throw new SpotifyBadRequestError(`Unknown Spotify method "${String(method).slice(0, 60)}"`);
  const parsed = definition.args.safeParse(args);
  if (!parsed.success) throw new SpotifyBadRequestError(`Invalid arguments for ${method}: ${summarizeIssues(parsed.error)}`);
  return { method, args: parsed.data } as SpotifyCall<M>;
}

/**
 * Parses a whole `spotify.call` payload where the producer builds it, before `add`: the call as parseSpotifyCall
 * does, and the deadline, priority and request id. SpotifyBadRequestError otherwise.
 */
export function parseSpotifyCallPayload<M extends SpotifyMethodName>(input: {
  method: M;
  args: unknown;
  deadline: number;
  priority?: number;
  requestId?: string;
}): SpotifyCallPayloadOf<M> {
  const call = parseSpotifyCall(input.method, input.args);
  const parsed = spotifyCallPayloadSchema.safeParse({ ...input, args: call.args });
  if (!parsed.success) throw new SpotifyBadRequestError(`Invalid spotify.call payload: ${summarizeIssues(parsed.error)}`);
  return parsed.data as SpotifyCallPayloadOf<M>;
}
