/**
 * `@albumboard/spotify-client/http`: the Spotify Web API client — client-credentials tokens, HTTP with retries, every
 * response body parsed with the client's own schemas, Spotify's answers mapped to albumboard's models — and the
 * direct caller that uses it in-process. worker-spotify's side of the path; it never touches the queue.
 */
export * from './spotify-client';
export { executeSpotifyMethod } from './execute-spotify-method';
export * from './direct-spotify-caller';
export { parseRetryAfterMs, DEFAULT_RETRY_AFTER_MS } from './http-error.mapper';
export { largestImageUrl, toAlbumDetail, toAlbumSummary, toArtistSummary } from './spotify-mappers';
export * from './schemas';
export * from './spotify-endpoints';
