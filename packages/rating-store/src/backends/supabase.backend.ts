import type { RatingStore } from '../rating-store.types';
import { silentLogger } from '../logger.types';
import { describeBackend } from '../config/describe-backend';
import { RpcRatingStore } from '../rpc/rpc-rating.store';
import { createServiceSupabaseClient } from '../supabase/supabase-client.factory';
import { SupabaseRpcCaller } from '../supabase/supabase-rpc.caller';
import type { CommonStoreOptions } from './backend-options.types';

export interface SupabaseStoreOptions extends CommonStoreOptions {
  supabaseUrl: string;
  /** Service-role key: server side only, never logged or put in an error message. */
  serviceRoleKey: string;
  /** fetch used by supabase-js (default: the global fetch). */
  fetch?: typeof fetch;
  /** Per-request timeout (default 10 000 ms). */
  requestTimeoutMs?: number;
}

/**
 * RatingStore on Supabase: supabase-js with the service-role key calls the SQL functions through
 * PostgREST (`POST /rest/v1/rpc/<fn>`). Migrations are NOT applied here: the Supabase CLI does it.
 */
export async function createSupabaseRatingStore(options: SupabaseStoreOptions): Promise<RatingStore> {
  const logger = (options.logger ?? silentLogger).child({ component: 'rating-store', backend: 'supabase' });
  const client = createServiceSupabaseClient({
    url: options.supabaseUrl,
    serviceRoleKey: options.serviceRoleKey,
    fetch: options.fetch,
  });
  const description = describeBackend({
    backend: 'supabase',
    supabaseUrl: options.supabaseUrl,
    serviceRoleKey: options.serviceRoleKey,
  });
  logger.info({ database: description }, 'rating store ready'); // the child logger carries `backend`
  return new RpcRatingStore({
    backend: 'supabase',
    description,
    caller: new SupabaseRpcCaller(client, options.requestTimeoutMs ?? 10_000),
    logger,
    secrets: [options.serviceRoleKey],
  });
}
