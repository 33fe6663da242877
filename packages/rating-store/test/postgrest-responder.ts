import type { Pool } from 'pg';
import { verifyJwt } from './support/jwt';
import type { JwtClaims } from './support/jwt';

/**
 * A stand-in for Supabase's API gateway + PostgREST, reached through supabase-js's `global.fetch`
 * option. It answers exactly one kind of request, the one the rating store sends:
 *
 *   POST /rest/v1/rpc/<function>   body: JSON object of named arguments
 *
 * like PostgREST does: the `apikey` header must be a known key (gateway check), the
 * `Authorization: Bearer <jwt>` is verified (HS256, `exp`), then in ONE transaction it runs
 * `set_config('role', <jwt role>)`, `set_config('request.jwt.claims', <claims json>)` and
 * `select json_agg(...) from json_to_record($1) as args(...), lateral public.<fn>(a => args.a, ...)`
 * against the real database. Sets come back as a JSON array, scalars as a JSON value, errors as
 * `{ code, message, details, hint }` with PostgREST's HTTP status for the SQLSTATE.
 * Anything else gets PostgREST's 404 `PGRST125`.
 */
export interface PostgrestResponderOptions {
  /** Pool on the database, connected as a role that may switch to anon/authenticated/service_role. */
  pool: Pool;
  /** Secret the JWTs are signed with (Supabase's JWT secret). */
  jwtSecret: string;
  /** Values accepted in the `apikey` header (the project's anon and service-role keys). */
  apiKeys: string[];
  /** Exposed schema (default `public`). */
  schema?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** Database role the request ran as (null when refused before that). */
  role: string | null;
  /** PostgREST / SQLSTATE error code of the answer, if any. */
  code: string | null;
}

export interface PostgrestResponder {
  fetch: typeof fetch;
  requests: RecordedRequest[];
}

interface FunctionInfo {
  retset: boolean;
  typtype: string;
  nargs: number;
  ndefaults: number;
  names: string[];
  types: string[];
}

interface Answer {
  status: number;
  body: string;
  role: string | null;
  code: string | null;
  headers?: Record<string, string>;
}

interface Auth {
  role: string;
  claims: JwtClaims;
}

const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);
const RPC_PATH = /^\/rest\/v1\/rpc\/([A-Za-z_][A-Za-z0-9_]*)$/;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function errorAnswer(status: number, code: string | null, message: string, role: string | null): Answer {
  return { status, role, code, body: JSON.stringify({ code, details: null, hint: null, message }) };
}

/** PostgREST's SQLSTATE -> HTTP status table. */
export function statusForSqlstate(code: string, role: string): number {
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === '23503' || code === '23505') return 409;
  if (code === '25006') return 405;
  if (code === '42883' || code === '42P01') return 404;
  if (code === 'P0001') return 400;
  if (code === '53400') return 500;
  const prefix = code.slice(0, 2);
  if (prefix === '08' || prefix === '53') return 503;
  if (['0L', '0P', '28'].includes(prefix)) return 403;
  const serverSide = ['09', '25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'P0', 'XX'];
  if (serverSide.includes(prefix)) return 500;
  return 400;
}

export function createPostgrestResponder(options: PostgrestResponderOptions): PostgrestResponder {
  const schema = options.schema ?? 'public';
  const requests: RecordedRequest[] = [];

  async function lookup(fn: string): Promise<FunctionInfo[]> {
    const { rows } = await options.pool.query<FunctionInfo>(
      `select p.proretset as retset, t.typtype::text as typtype, p.pronargs as nargs,
              p.pronargdefaults as ndefaults, coalesce(p.proargnames, '{}') as names,
              array(select format_type(x, null) from unnest(p.proargtypes::oid[]) as x) as types
       from pg_proc p join pg_type t on t.oid = p.prorettype
       where p.proname = $1 and p.pronamespace = to_regnamespace($2)`,
      [fn, schema],
    );
    return rows;
  }

  function authenticate(request: Request): Auth | Answer {
    const header = request.headers.get('authorization');
    if (!header) return { role: 'anon', claims: { role: 'anon' } };
    const token = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
    const check = verifyJwt(token, options.jwtSecret);
    if (!check.ok) {
      return check.reason === 'expired'
        ? errorAnswer(401, 'PGRST303', 'JWT expired', null)
        : errorAnswer(401, 'PGRST301', 'No suitable key or wrong key type', null);
    }
    const role = typeof check.claims.role === 'string' ? check.claims.role : 'anon';
    if (!API_ROLES.has(role)) return errorAnswer(403, '42501', `permission denied to set role "${role}"`, null);
    return { role, claims: check.claims };
  }

  /** The statement PostgREST would run: arguments typed by json_to_record, result as JSON text. */
  function callStatement(fn: string, info: FunctionInfo, provided: { name: string; type: string }[]): string {
    const columns = provided.map((a) => `${quoteIdent(a.name)} ${a.type}`).join(', ');
    const source = provided.length ? `json_to_record($1::json) as _args(${columns}), lateral ` : '';
    const callArgs = provided.map((a) => `${quoteIdent(a.name)} => _args.${quoteIdent(a.name)}`).join(', ');
    const aggregate = info.retset ? `coalesce(json_agg(_c), '[]')` : `coalesce(json_agg(_c) -> 0, 'null')`;
    const target = `${quoteIdent(schema)}.${quoteIdent(fn)}(${callArgs})`;
    return `select ${aggregate}::text as body, count(*)::int as n from ${source}${target} as _c`;
  }

  async function call(fn: string, info: FunctionInfo, args: object, auth: Auth, path: string): Promise<Answer> {
    const { role, claims } = auth;
    const provided = info.names
      .slice(0, info.nargs)
      .map((name, i) => ({ name, type: info.types[i] }))
      .filter((a) => a.name in args);
    const sql = callStatement(fn, info, provided);

    const client = await options.pool.connect();
    try {
      await client.query('begin');
      await client.query(
        `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
                set_config('request.method', 'POST', true), set_config('request.path', $3, true)`,
        [role, JSON.stringify(claims), path],
      );
      const params = provided.length ? [JSON.stringify(args)] : [];
      const { rows } = await client.query<{ body: string; n: number }>(sql, params);
      await client.query('commit');
      const n = rows[0]?.n ?? 0;
      const headers: Record<string, string> = info.retset ? { 'content-range': n > 0 ? `0-${n - 1}/*` : '*/*' } : {};
      return { status: 200, body: rows[0]?.body ?? 'null', role, code: null, headers };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      const e = error as { code?: string; message?: string; detail?: string; hint?: string };
      const code = e.code ?? 'XX000';
      return {
        status: statusForSqlstate(code, role),
        role,
        code,
        body: JSON.stringify({ code, details: e.detail ?? null, hint: e.hint ?? null, message: e.message ?? 'error' }),
      };
    } finally {
      client.release();
    }
  }

  async function handle(request: Request, url: URL): Promise<Answer> {
    const apikey = request.headers.get('apikey');
    if (!apikey) {
      return { status: 401, role: null, code: null, body: JSON.stringify({ message: 'No API key found in request' }) };
    }
    if (!options.apiKeys.includes(apikey)) {
      return { status: 401, role: null, code: null, body: JSON.stringify({ message: 'Invalid API key' }) };
    }
    const fn = RPC_PATH.exec(url.pathname)?.[1];
    if (request.method !== 'POST' || !fn) {
      return errorAnswer(404, 'PGRST125', 'Invalid path specified in request URL', null);
    }
    const profile = request.headers.get('content-profile');
    if (profile && profile !== schema) {
      return errorAnswer(406, 'PGRST106', `The schema must be one of the following: ${schema}`, null);
    }
    const auth = authenticate(request);
    if ('status' in auth) return auth;

    let args: unknown;
    try {
      const text = await request.text();
      args = text ? JSON.parse(text) : {};
    } catch {
      return errorAnswer(400, 'PGRST102', 'Empty or invalid json', auth.role);
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      return errorAnswer(400, 'PGRST102', 'Empty or invalid json', auth.role);
    }
    const keys = Object.keys(args);
    const match = (await lookup(fn)).find((info) => {
      const inputs = info.names.slice(0, info.nargs);
      const required = inputs.slice(0, info.nargs - info.ndefaults);
      return keys.every((k) => inputs.includes(k)) && required.every((k) => keys.includes(k));
    });
    if (!match) {
      const signature = `${schema}.${fn}(${[...keys].sort().join(', ')})`;
      return errorAnswer(404, 'PGRST202', `Could not find the function ${signature} in the schema cache`, auth.role);
    }
    return call(fn, match, args, auth, url.pathname);
  }

  const responderFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const answer = await handle(request, url);
    const { status, role, code } = answer;
    requests.push({ method: request.method, path: url.pathname, status, role, code });
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': 'application/json; charset=utf-8', ...answer.headers },
    });
  };

  return { fetch: responderFetch as typeof fetch, requests };
}
