import type { SupabaseClient, SupabaseClientOptions } from '@supabase/supabase-js';
import WebSocket from 'ws';

type RealtimeTransport = NonNullable<NonNullable<SupabaseClientOptions<'public'>['realtime']>['transport']>;

// `ws` implements what realtime-js needs; its extra `new (address: null)` overload confuses the
// structural check, hence the cast.
const transport = WebSocket as unknown as RealtimeTransport;

export interface ServiceClientOptions {
  url: string;
  serviceRoleKey: string;
  /** Replaces the global fetch (tests point it at a PostgREST stand-in). */
  fetch?: typeof fetch;
}

/**
 * Server-side supabase-js client for the service role: no session persistence or refresh, and the
 * `ws` WebSocket for realtime: Node 20 has no native WebSocket and supabase-js throws without one there (Node 22 and
 * later have it; `ws` is kept while engines allows Node 20).
 */
export function createServiceSupabaseClient(options: ServiceClientOptions): SupabaseClient {
  // Loaded here, when a Supabase back end is configured, not when the package is: on Node 20 supabase-js prints a
  // deprecation warning as it loads, which would add a second line to every app's start (and to its one-line refusal
  // of a bad setting) even with the PostgreSQL back end.
  const { createClient } = require('@supabase/supabase-js') as typeof import('@supabase/supabase-js');
  return createClient(options.url, options.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport },
    global: {
      headers: { 'X-Client-Info': 'albumboard-rating-store' },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
}
