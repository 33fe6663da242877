import { redisEnvShape } from '@albumboard/redis-connection';
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
  /** REDIS_URL, the TLS, Cluster and Sentinel settings and QUEUE_PREFIX: one schema for every app (check the
   * cross-field rules with `refineRedisEnv` from @albumboard/redis-connection). */
  ...redisEnvShape,
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
