import { parseArgs } from 'node:util';
import { envPort, presentEnv, settingIssuesLine } from '@albumboard/env-config';
import { redisEnvShape, redisSettingsOf, refineRedisEnv, type RedisSettings } from '@albumboard/redis-connection';
import { z } from 'zod';

/** How `pnpm check` runs: where the deployment is, and what to print. */
export interface CheckConfig {
  /** The Redis settings the apps use (REDIS_URL, TLS, Cluster, Sentinel, QUEUE_PREFIX). */
  redis: RedisSettings;
  redisUrl: string;
  queuePrefix: string;
  apiUrl: string;
  /** ADMIN_TOKEN, sent with the probe search so the api's per-client limits do not count or refuse it. */
  adminToken: string | undefined;
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
             API_URL (default http://127.0.0.1:$PORT, PORT default 3000), CHECK_TIMEOUT_MS (default 10000),
             ADMIN_TOKEN (the api's: the probe search carries it, so the api's per-client limits do not count it).`;

export class CheckUsageError extends Error {}

const envSchema = z
  .object({
    ...redisEnvShape,
    API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    // The api's own PORT: `PORT=3710 pnpm dev` then `PORT=3710 pnpm check` (or one exported PORT) finds it.
    PORT: envPort.default(3000),
    ADMIN_TOKEN: z.string().trim().min(1).optional(),
    CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  })
  .superRefine(refineRedisEnv);

const argsSchema = z.object({
  json: z.boolean().default(false),
  search: z.enum(['api', 'queue', 'skip'], { error: '--search must be api, queue or skip' }).optional(),
  query: z.string().trim().min(1).max(200).default('Taylor Swift'),
  'timeout-ms': z.coerce.number().int().min(100).max(300_000).optional(),
});

const argsOptions = {
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  search: { type: 'string' },
  query: { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

/** The options (node's `util.parseArgs`, strict); a usage error as one line. */
function parseArgv(argv: readonly string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: [...argv], options: argsOptions, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const named = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new CheckUsageError(`unknown option ${named}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new CheckUsageError(`unknown argument "${named}"`);
    throw new CheckUsageError(message.split('. ')[0] ?? message);
  }
}

/** Reads the environment and the arguments; throws CheckUsageError (one line) on anything malformed. `null` for --help. */
export function loadCheckConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): CheckConfig | null {
  const raw = parseArgv(argv);
  if (raw.help) return null;
  const e = envSchema.safeParse(presentEnv(env));
  if (!e.success) throw new CheckUsageError(settingIssuesLine(e.error));
  const a = argsSchema.safeParse(raw);
  if (!a.success) throw new CheckUsageError(`Invalid argument --${String(a.error.issues[0]?.path[0])}: ${a.error.issues[0]?.message}`);
  return {
    redis: redisSettingsOf(e.data),
    redisUrl: e.data.REDIS_URL,
    queuePrefix: e.data.QUEUE_PREFIX,
    apiUrl: e.data.API_URL ?? `http://127.0.0.1:${e.data.PORT}`,
    adminToken: e.data.ADMIN_TOKEN,
    timeoutMs: a.data['timeout-ms'] ?? e.data.CHECK_TIMEOUT_MS,
    search: a.data.search ?? 'api',
    query: a.data.query,
    json: a.data.json,
  };
}
