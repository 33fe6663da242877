import { z } from 'zod';
import { spotifyMethodNameSchema, spotifyMethods, type SpotifyMethodName } from './spotify-methods';

/** BullMQ priorities for `spotify.call` (lower runs first). Interactive searches beat background refreshes. */
export const SpotifyPriority = { Interactive: 1, Background: 10 } as const;

/**
 * The payload of a `spotify.call` job: a method from the closed list, its arguments, the caller's deadline
 * (epoch milliseconds: after it the worker drops the job without calling Spotify) and a priority.
 * `requestId` carries the API request's id into the worker's logs.
 */
export const spotifyCallPayloadSchema = z
  .strictObject({
    method: spotifyMethodNameSchema,
    args: z.record(z.string(), z.unknown()),
    deadline: z.number().int().positive(),
    priority: z.number().int().min(1).max(100).default(SpotifyPriority.Interactive),
    requestId: z.string().max(128).optional(),
  })
  .superRefine((value, ctx) => {
    const parsed = spotifyMethods[value.method].args.safeParse(value.args);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['args', ...issue.path] } as never);
    }
  });
export type SpotifyCallPayload = z.output<typeof spotifyCallPayloadSchema>;
export type SpotifyCallPayloadInput = z.input<typeof spotifyCallPayloadSchema>;

/** The kinds of failure a `spotify.call` job reports back to its caller. */
export const spotifyErrorCodeSchema = z.enum([
  'not_found', // Spotify answered 404
  'bad_request', // Spotify answered 400 (a request albumboard should not have made)
  'rate_limited', // Spotify answered 429 with a short Retry-After; the queue is held
  'cooldown', // Spotify's quota or a long Retry-After: no calls until `retryAfterMs` from now
  'deadline_exceeded', // the caller's deadline passed before the call could be made
  'upstream_error', // 5xx, network errors, timeouts, malformed answers after retries
  'auth_failed', // the client credentials were refused
]);
export type SpotifyErrorCode = z.infer<typeof spotifyErrorCodeSchema>;

export const spotifyCallErrorSchema = z.object({
  code: spotifyErrorCodeSchema,
  message: z.string(),
  status: z.number().int().optional(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  reason: z.string().optional(),
});
export type SpotifyCallError = z.infer<typeof spotifyCallErrorSchema>;

/**
 * The result envelope of a `spotify.call` job. Failures that the caller must see (404, cool-down, deadline)
 * complete the job with `ok: false`, so their type survives the trip through Redis.
 */
export const spotifyCallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown(), upstreamRequests: z.number().int().nonnegative().optional() }),
  z.object({ ok: z.literal(false), error: spotifyCallErrorSchema, upstreamRequests: z.number().int().nonnegative().optional() }),
]);
export type SpotifyCallResult = z.infer<typeof spotifyCallResultSchema>;

export type { SpotifyMethodName };
