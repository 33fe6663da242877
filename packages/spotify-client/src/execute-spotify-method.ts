import type { SpotifyMethodArgs, SpotifyMethodName, SpotifyMethodResult } from '@albumboard/queue-contracts';
import { assertSpotifyMethod, parseMethodArgs } from './method-args';
import type { CallContext, SpotifyClient } from './spotify-client';

type Handlers = {
  [M in SpotifyMethodName]: (client: SpotifyClient, args: SpotifyMethodArgs<M>, ctx?: CallContext) => Promise<SpotifyMethodResult<M>>;
};

const handlers: Handlers = {
  searchArtists: (client, args, ctx) => client.searchArtists(args, ctx),
  getArtist: (client, args, ctx) => client.getArtist(args, ctx),
  getArtistAlbums: (client, args, ctx) => client.getArtistAlbums(args, ctx),
  getAlbum: (client, args, ctx) => client.getAlbum(args, ctx),
  searchArtistAlbums: (client, args, ctx) => client.searchArtistAlbums(args, ctx),
};

/**
 * Runs one method from the contract's closed list. The name and the arguments are checked first
 * (SpotifyBadRequestError, no HTTP request); then the client method runs with the caller's context.
 */
export async function executeSpotifyMethod<M extends SpotifyMethodName>(
  client: SpotifyClient,
  method: M,
  args: unknown,
  ctx?: CallContext,
): Promise<SpotifyMethodResult<M>> {
  assertSpotifyMethod(method);
  const parsed = parseMethodArgs(method, args);
  const handler = handlers[method] as Handlers[M];
  return handler(client, parsed, ctx);
}
