import type { SpotifyMethodArgsInput, SpotifyMethodName, SpotifyMethodResult } from '@albumboard/queue-contracts';
import type { CallOptions, SpotifyCaller } from '@albumboard/spotify-client';
import { nowMs } from '../lib/load-runner';

/**
 * Wraps the SpotifyCaller the API gets and records how long each successful call took: the time spent "through the
 * worker" without the HTTP and cache layers around it, comparable with a direct in-process call.
 */
export class TimedSpotifyCaller implements SpotifyCaller {
  readonly okLatenciesMs: number[] = [];

  constructor(private readonly inner: SpotifyCaller) {}

  async call<M extends SpotifyMethodName>(method: M, args: SpotifyMethodArgsInput<M>, options?: CallOptions): Promise<SpotifyMethodResult<M>> {
    const start = nowMs();
    const result = await this.inner.call(method, args, options);
    this.okLatenciesMs.push(nowMs() - start);
    return result;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
