import { z } from 'zod';
import { summarizeIssues } from './job-payload';

/** A setting is missing or malformed; `message` is the one line to print before stopping. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `true/false/1/0/yes/no/on/off` → boolean. */
export const envBoolean = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'] });

/** A TCP port, given as a string in the environment. */
export const envPort = z.coerce.number().int().min(0).max(65535);

/** The settings every worker app shares (spread into the app's own zod object). */
export const workerEnvShape = {
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix, also used for albumboard's own keys (`{albumboard}` keeps them in one Redis Cluster slot). */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9{}_.-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 { } _ . -').default('bull'),
  /** Serve `GET /healthz` on this port when set. */
  WORKER_HEALTH_PORT: envPort.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: envBoolean.default(false),
};

/**
 * Parses environment variables with `schema`; empty values count as unset. Throws a ConfigError whose message is one
 * line naming every bad setting (values are never echoed: they may be secrets).
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${summarizeIssues(parsed.error)}`);
  return parsed.data;
}

/** Runs `load` (the app's config loader); on a ConfigError prints its one line to stderr and exits with code 1. */
export function loadConfigOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
