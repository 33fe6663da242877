/** SQL types of the function arguments the store sends. */
type SqlArgType = 'uuid' | 'text' | 'integer' | 'jsonb';

interface RpcFunctionSpec {
  /** Argument names (as PostgREST sees them) and SQL types, in declaration order. */
  args: Readonly<Record<string, SqlArgType>>;
  /** `rows`: RETURNS TABLE (an array); `scalar`: one value. */
  result: 'rows' | 'scalar';
}

/**
 * The Postgres functions the store calls (defined in infra/supabase/migrations). One catalogue for
 * every back end, so the SQL and the PostgREST callers cannot disagree on names or arguments.
 */
export const RPC_FUNCTIONS = {
  submit_rating: { args: { p_user_id: 'uuid', p_album_id: 'text', p_score: 'integer' }, result: 'rows' },
  delete_rating: { args: { p_user_id: 'uuid', p_album_id: 'text' }, result: 'scalar' },
  get_user_ratings: { args: { p_user_id: 'uuid', p_limit: 'integer', p_offset: 'integer' }, result: 'rows' },
  upsert_albums: { args: { p_albums: 'jsonb' }, result: 'scalar' },
  get_album_summary: { args: { p_album_id: 'text' }, result: 'rows' },
  get_stale_album_ids: { args: { p_older_than_s: 'integer', p_limit: 'integer' }, result: 'rows' },
  recompute_leaderboard: { args: { p_window: 'text' }, result: 'rows' },
  get_leaderboard: { args: { p_window: 'text', p_limit: 'integer', p_offset: 'integer' }, result: 'rows' },
  rating_store_health: { args: {}, result: 'scalar' },
} as const satisfies Record<string, RpcFunctionSpec>;

export type RpcFunctionName = keyof typeof RPC_FUNCTIONS;

/** A JSON value as sent in a jsonb argument. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

interface SqlToTs {
  uuid: string;
  text: string;
  integer: number;
  jsonb: JsonValue;
}

type ArgsSpec<N extends RpcFunctionName> = (typeof RPC_FUNCTIONS)[N]['args'];

export type RpcArgs<N extends RpcFunctionName> = {
  -readonly [K in keyof ArgsSpec<N>]: ArgsSpec<N>[K] extends SqlArgType ? SqlToTs[ArgsSpec<N>[K]] : never;
};

export type RowFunctionName = {
  [N in RpcFunctionName]: (typeof RPC_FUNCTIONS)[N]['result'] extends 'rows' ? N : never;
}[RpcFunctionName];

export type ScalarFunctionName = Exclude<RpcFunctionName, RowFunctionName>;

/** Calls the functions on one back end. Errors are thrown as RatingStoreError. */
export interface RpcCaller {
  rows<N extends RowFunctionName>(fn: N, args: RpcArgs<N>): Promise<unknown[]>;
  scalar<N extends ScalarFunctionName>(fn: N, args: RpcArgs<N>): Promise<unknown>;
  close(): Promise<void>;
}
