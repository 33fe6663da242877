import { RPC_FUNCTIONS } from '../rpc/rpc-functions';
import type { RowFunctionName, RpcArgs, RpcCaller, RpcFunctionName, ScalarFunctionName } from '../rpc/rpc-functions';
import { mapSqlError } from '../rpc/sqlstate-error.mapper';
import type { SqlDatabase } from './sql-database.types';

/** `public.fn(p_a => $1::type, ...)` and its parameter values (jsonb sent as JSON text). */
function buildCall(fn: RpcFunctionName, args: Record<string, unknown>): { call: string; params: unknown[] } {
  const spec: Record<string, string> = RPC_FUNCTIONS[fn].args;
  const params: unknown[] = [];
  const parts = Object.entries(spec).map(([name, type]) => {
    const value = args[name];
    params.push(type === 'jsonb' ? JSON.stringify(value) : value);
    return `${name} => $${params.length}::${type}`;
  });
  return { call: `public.${fn}(${parts.join(', ')})`, params };
}

/** Calls the functions with `select` on PostgreSQL. */
export class SqlRpcCaller implements RpcCaller {
  constructor(private readonly db: SqlDatabase) {}

  async rows<N extends RowFunctionName>(fn: N, args: RpcArgs<N>): Promise<unknown[]> {
    const { call, params } = buildCall(fn, args);
    try {
      return await this.db.query(`select * from ${call}`, params);
    } catch (error) {
      throw mapSqlError(fn, error);
    }
  }

  async scalar<N extends ScalarFunctionName>(fn: N, args: RpcArgs<N>): Promise<unknown> {
    const { call, params } = buildCall(fn, args);
    try {
      const rows = await this.db.query<{ value: unknown }>(`select ${call} as value`, params);
      return rows[0]?.value ?? null;
    } catch (error) {
      throw mapSqlError(fn, error);
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
