import type { SupabaseClient } from '@supabase/supabase-js';
import type { RowFunctionName, RpcArgs, RpcCaller, RpcFunctionName, ScalarFunctionName } from '../rpc/rpc-functions';
import { RatingStoreError } from '../rating-store.errors';
import { mapPostgrestError } from './postgrest-error.mapper';

/** Calls the functions through supabase-js `.rpc()`: `POST /rest/v1/rpc/<fn>` with JSON args. */
export class SupabaseRpcCaller implements RpcCaller {
  constructor(
    private readonly client: SupabaseClient,
    private readonly timeoutMs: number,
  ) {}

  private async call(fn: RpcFunctionName, args: object): Promise<unknown> {
    // A timer cleared after each call (AbortSignal.timeout would keep the process alive on close).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.client.rpc(fn, args).abortSignal(controller.signal);
      if (response.error) throw mapPostgrestError(fn, response.error, response.status);
      return response.data as unknown;
    } catch (error) {
      throw error instanceof RatingStoreError ? error : mapPostgrestError(fn, { code: '' }, 0);
    } finally {
      clearTimeout(timer);
    }
  }

  async rows<N extends RowFunctionName>(fn: N, args: RpcArgs<N>): Promise<unknown[]> {
    const data = await this.call(fn, args);
    if (!Array.isArray(data)) {
      throw new RatingStoreError('internal', `${fn}: Supabase answered with something other than rows`, {
        operation: fn,
      });
    }
    return data;
  }

  scalar<N extends ScalarFunctionName>(fn: N, args: RpcArgs<N>): Promise<unknown> {
    return this.call(fn, args);
  }

  async close(): Promise<void> {
    // The store opens no realtime channel; removeAllChannels() with none still arms a 10 s
    // disconnect timer that holds the process open, so only call it when there is something.
    if (this.client.getChannels().length > 0) await this.client.removeAllChannels();
  }
}
