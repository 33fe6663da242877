/**
 * Everything of the Spotify path's client side. Two entry points own its halves: `@albumboard/spotify-client/http`
 * (the Web API client) and `@albumboard/spotify-client/proxy` (the worker proxy); what both use lives at the root:
 * the caller interface, the error types, the call contract's parsing, and the Redis layout of budget, pause and
 * cool-down (`spotify-keys`, `cooldown-store`).
 */
export * from './errors';
export { parseSpotifyCall } from './method-args';
export * from './cooldown-store';
export * from './spotify-keys';
export * from './spotify-caller';
export * from './create-spotify-caller';
export * from './http';
export * from './proxy';
