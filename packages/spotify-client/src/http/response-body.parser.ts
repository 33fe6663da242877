import type { z } from 'zod';
import { SpotifyUpstreamError } from '../errors';
import { summarizeIssues } from '../method-args';

/**
 * Parses a 2xx body (raw text) with `schema`. Empty bodies, malformed JSON and schema mismatches become a
 * SpotifyUpstreamError whose message names the endpoint and the first failing paths, never the body itself.
 */
export function parseResponseBody<S extends z.ZodType>(data: unknown, schema: S, endpoint: string): z.output<S> {
  let json: unknown = data;
  if (typeof data === 'string') {
    if (data.trim() === '') throw new SpotifyUpstreamError(`Spotify answered ${endpoint} with an empty body`);
    try {
      json = JSON.parse(data);
    } catch {
      throw new SpotifyUpstreamError(`Spotify answered ${endpoint} with malformed JSON`);
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new SpotifyUpstreamError(`Spotify answered ${endpoint} with an unexpected body (${summarizeIssues(parsed.error, 120)})`);
  }
  return parsed.data;
}
