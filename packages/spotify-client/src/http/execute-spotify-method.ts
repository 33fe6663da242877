import type { SpotifyCall, SpotifyMethodArgs, SpotifyMethodName, SpotifyMethodResult } from '@albumboard/queue-contracts';
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
 * Runs one parsed call of the closed list with the caller's context. The call was parsed where it entered (the
 * producer, or the worker on `job.data`), so nothing is checked again here.
 */
export function executeSpotifyMethod<M extends SpotifyMethodName>(client: SpotifyClient, call: SpotifyCall<M>, ctx?: CallContext): Promise<SpotifyMethodResult<M>> {
  const handler = handlers[call.method] as (client: SpotifyClient, args: SpotifyCall<M>['args'], ctx?: CallContext) => Promise<SpotifyMethodResult<M>>;
  return handler(client, call.args, ctx);
}
