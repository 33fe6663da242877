import type { SpotifyMethodArgsInput, SpotifyMethodName, SpotifyMethodResult } from '@albumboard/queue-contracts';
import { executeSpotifyMethod } from './execute-spotify-method';
import { parseSpotifyCall } from '../method-args';
import type { CallOptions, SpotifyCaller } from '../spotify-caller';
import type { SpotifyClient } from './spotify-client';

export interface DirectSpotifyCallerOptions {
  /** Used when a call gives no `timeoutMs`. Default 10 000 ms. */
  defaultTimeoutMs?: number;
}

/**
 * SPOTIFY_CALL_MODE=direct, the rollback path: calls Spotify in-process (no queue, no shared budget) with the
 * call's timeout as its deadline. Throws the same SpotifyErrors as the worker path. `priority` is ignored.
 */
export class DirectSpotifyCaller implements SpotifyCaller {
  constructor(
    private readonly client: SpotifyClient,
    private readonly options: DirectSpotifyCallerOptions = {},
  ) {}

  async call<M extends SpotifyMethodName>(method: M, args: SpotifyMethodArgsInput<M>, options: CallOptions = {}): Promise<SpotifyMethodResult<M>> {
    const timeoutMs = options.timeoutMs ?? this.options.defaultTimeoutMs ?? 10_000;
    const call = parseSpotifyCall(method, args);
    return executeSpotifyMethod(this.client, call, { deadline: Date.now() + timeoutMs });
  }

  async close(): Promise<void> {
    // Nothing to release: the client holds no connections between calls.
  }
}
