import { z } from 'zod';

/** A setting is missing or malformed; `message` is the one line to print before stopping. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `true/false/1/0/yes/no/on/off` → boolean. */
export const envBoolean = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'], error: 'must be true or false' });

/** A TCP port, given as a string in the environment (0: any free port, where an app allows it). */
export const envPort = z.coerce.number().int().min(0, 'must be a port (0-65535)').max(65535, 'must be a port (0-65535)');

/** The variables of `env` that are set: empty and blank values count as unset (`PORT=` falls back to the default). */
export function presentEnv(env: NodeJS.ProcessEnv, only?: (name: string) => boolean): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '' && (!only || only(name))) present[name] = value;
  return present;
}

/**
 * One line naming every bad setting: `Invalid setting PORT: must be at most 65535`, or with several
 * `Invalid settings: PORT: …; REDIS_URL: …`. Values are never echoed: they may be secrets.
 */
export function settingIssuesLine(error: z.ZodError): string {
  // The same setting may be checked by two schemas (an app's and a package's): name each problem once.
  const issues = [...new Set(error.issues.map((issue) => `${issue.path.map(String).join('.') || 'configuration'}: ${issue.message}`))];
  return issues.length === 1 ? `Invalid setting ${issues[0]}` : `Invalid settings: ${issues.join('; ')}`;
}

/** Parses the environment with `schema` (empty values count as unset); throws a ConfigError of one line. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  return parseEnvParts({ value: schema }, env).value;
}

/**
 * `parseEnv` for settings owned by several schemas (the app's own, a package's such as the rating store's): each part
 * is parsed from the same environment, and one ConfigError names every bad setting of all of them.
 */
export function parseEnvParts<P extends Record<string, z.ZodType>>(parts: P, env: NodeJS.ProcessEnv): { [K in keyof P]: z.output<P[K]> } {
  const present = presentEnv(env);
  const parsed = Object.entries(parts).map(([key, schema]) => [key, schema.safeParse(present)] as const);
  const issues = parsed.flatMap(([, result]) => (result.success ? [] : result.error.issues));
  if (issues.length > 0) throw new ConfigError(settingIssuesLine(new z.ZodError(issues)));
  return Object.fromEntries(parsed.map(([key, result]) => [key, result.data])) as { [K in keyof P]: z.output<P[K]> };
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
