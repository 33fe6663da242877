import { z } from 'zod';
import { spotifyMethods, type SpotifyMethodArgs, type SpotifyMethodName, type SpotifyMethodResult } from './spotify-methods';

/** BullMQ priorities for `spotify.call` (lower runs first). Interactive searches beat background refreshes. */
export const SpotifyPriority = { Interactive: 1, Background: 10 } as const;

/** The fields every `spotify.call` carries besides its method and arguments. */
const callFields = {
  /** Epoch milliseconds: after it the worker drops the job without calling Spotify. */
  deadline: z.number().int().positive(),
  priority: z.number().int().min(1).max(100).default(SpotifyPriority.Interactive),
  /** The API request's id, carried into the worker's logs. */
  requestId: z.string().max(128).optional(),
};

/**
 * The payload of a `spotify.call` job, one variant per method of the closed list: the method, ITS arguments, the
 * caller's deadline and priority. Parsed once by the producer before `add` and once by the consumer on `job.data`;
 * trusted in between.
 */
export const spotifyCallPayloadSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('searchArtists'), args: spotifyMethods.searchArtists.args, ...callFields }),
  z.strictObject({ method: z.literal('getArtist'), args: spotifyMethods.getArtist.args, ...callFields }),
  z.strictObject({ method: z.literal('getArtistAlbums'), args: spotifyMethods.getArtistAlbums.args, ...callFields }),
  z.strictObject({ method: z.literal('getAlbum'), args: spotifyMethods.getAlbum.args, ...callFields }),
  z.strictObject({ method: z.literal('searchArtistAlbums'), args: spotifyMethods.searchArtistAlbums.args, ...callFields }),
]);
export type SpotifyCallPayload = z.output<typeof spotifyCallPayloadSchema>;
export type SpotifyCallPayloadInput = z.input<typeof spotifyCallPayloadSchema>;

/** A parsed call of one method: what the worker executes. */
export type SpotifyCall<M extends SpotifyMethodName = SpotifyMethodName> = {
  [K in M]: { method: K; args: SpotifyMethodArgs<K> };
}[M];

/** A parsed `spotify.call` payload of one method. */
export type SpotifyCallPayloadOf<M extends SpotifyMethodName> = SpotifyCall<M> & { deadline: number; priority: number; requestId?: string };

/** The kinds of failure a `spotify.call` job reports back to its caller. */
export const spotifyErrorCodeSchema = z.enum([
  'not_found', // Spotify answered 404
  'bad_request', // Spotify answered 400 (a request albumboard should not have made)
  'rate_limited', // Spotify answered 429 with a short Retry-After; the queue is held
  'cooldown', // Spotify's quota or a long Retry-After: no calls until `retryAfterMs` from now
  'deadline_exceeded', // the caller's deadline passed before the call could be made
  'busy', // the call's budget slot would come after its deadline: dropped without a request; `retryAfterMs` = predicted wait
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

const upstreamRequests = z.number().int().nonnegative().optional();

const failure = z.object({ ok: z.literal(false), error: spotifyCallErrorSchema, upstreamRequests });

/**
 * The result envelope of a `spotify.call` job: on success the method's own result, tagged with the method so the
 * value is parsed by its schema and nothing else; failures the caller must see (404, cool-down, deadline) complete the
 * job with `ok: false`, so their type survives the trip through Redis.
 */
export const spotifyCallResultSchema = z.union([
  z.discriminatedUnion('method', [
    z.object({ ok: z.literal(true), method: z.literal('searchArtists'), value: spotifyMethods.searchArtists.result, upstreamRequests }),
    z.object({ ok: z.literal(true), method: z.literal('getArtist'), value: spotifyMethods.getArtist.result, upstreamRequests }),
    z.object({ ok: z.literal(true), method: z.literal('getArtistAlbums'), value: spotifyMethods.getArtistAlbums.result, upstreamRequests }),
    z.object({ ok: z.literal(true), method: z.literal('getAlbum'), value: spotifyMethods.getAlbum.result, upstreamRequests }),
    z.object({ ok: z.literal(true), method: z.literal('searchArtistAlbums'), value: spotifyMethods.searchArtistAlbums.result, upstreamRequests }),
  ]),
  failure,
]);

/** The envelope of a call of `M`: its result on success, or a typed failure. */
export type SpotifyCallResult<M extends SpotifyMethodName = SpotifyMethodName> =
  | { [K in M]: { ok: true; method: K; value: SpotifyMethodResult<K>; upstreamRequests?: number } }[M]
  | z.output<typeof failure>;

export type { SpotifyMethodName };
