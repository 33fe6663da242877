import { redisEnvShape, redisSettingsOf, refineRedisEnv, type RedisSettings } from '@albumboard/redis-connection';
import { z } from 'zod';

/** How `pnpm check` runs: where the deployment is, and what to print. */
export interface CheckConfig {
  /** The Redis settings the apps use (REDIS_URL, TLS, Cluster, Sentinel, QUEUE_PREFIX). */
  redis: RedisSettings;
  redisUrl: string;
  queuePrefix: string;
  apiUrl: string;
  /** Longest wait for each probe (a ping, the search). */
  timeoutMs: number;
  /** `api`: search through GET /api/v1/search; `queue`: a spotify.call job straight to worker-spotify; `skip`: none. */
  search: 'api' | 'queue' | 'skip';
  query: string;
  json: boolean;
}

export const CHECK_USAGE = `usage: pnpm check [--json] [--search=api|queue|skip] [--query=<artist>] [--timeout-ms=<ms>]

Checks a running albumboard deployment: workers on each queue, a ping through each queue, one search through
worker-spotify, queue lengths and the Spotify budget. Exits 0 when everything passed, 1 on any failure, 2 on bad usage.

Environment: REDIS_URL (default redis://127.0.0.1:6379), QUEUE_PREFIX (default bull), and the apps' other Redis
             settings (REDIS_TLS_REJECT_UNAUTHORIZED, REDIS_TLS_CA_FILE, REDIS_CLUSTER_NODES, REDIS_SENTINELS, REDIS_SENTINEL_NAME),
             API_URL (default http://127.0.0.1:3000), CHECK_TIMEOUT_MS (default 10000).`;

export class CheckUsageError extends Error {}

const envSchema = z
  .object({
    ...redisEnvShape,
    API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('http://127.0.0.1:3000'),
    CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  })
  .superRefine(refineRedisEnv);

const argsSchema = z.object({
  json: z.boolean().default(false),
  search: z.enum(['api', 'queue', 'skip'], { error: '--search must be api, queue or skip' }).optional(),
  query: z.string().trim().min(1).max(200).default('Taylor Swift'),
  'timeout-ms': z.coerce.number().int().min(100).max(300_000).optional(),
});

function parseArgv(argv: readonly string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new CheckUsageError(`unknown argument "${arg}"`);
    const [, name, value] = match;
    if (!['json', 'search', 'query', 'timeout-ms', 'help'].includes(name)) throw new CheckUsageError(`unknown option --${name}`);
    out[name] = value ?? true;
  }
  return out;
}

/** Reads the environment and the arguments; throws CheckUsageError (one line) on anything malformed. `null` for --help. */
export function loadCheckConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): CheckConfig | null {
  const raw = parseArgv(argv);
  if (raw.help) return null;
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const e = envSchema.safeParse(present);
  if (!e.success) throw new CheckUsageError(`Invalid setting ${String(e.error.issues[0]?.path[0])}: ${e.error.issues[0]?.message}`);
  const a = argsSchema.safeParse(raw);
  if (!a.success) throw new CheckUsageError(`Invalid argument --${String(a.error.issues[0]?.path[0])}: ${a.error.issues[0]?.message}`);
  return {
    redis: redisSettingsOf(e.data),
    redisUrl: e.data.REDIS_URL,
    queuePrefix: e.data.QUEUE_PREFIX,
    apiUrl: e.data.API_URL,
    timeoutMs: a.data['timeout-ms'] ?? e.data.CHECK_TIMEOUT_MS,
    search: a.data.search ?? 'api',
    query: a.data.query,
    json: a.data.json,
  };
}
