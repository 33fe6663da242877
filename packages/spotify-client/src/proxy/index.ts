/**
 * `@albumboard/spotify-client/proxy`: the worker proxy every caller of the deployment uses — admission by predicted
 * wait, joining an identical call in flight, the `spotify.call` job on queue `spotify`, the result waiters, worker
 * presence. The api's and worker-default's side of the path; it never calls Spotify itself.
 */
export * from './spotify-worker-proxy';
export { spotifyCallDedupKey, canonicalJson } from './dedup-key';
export { ADMISSION_LUA, NOW_AND_COOLDOWN_LUA } from './admission-script';
