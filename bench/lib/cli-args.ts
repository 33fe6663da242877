import { parseArgs } from 'node:util';

/**
 * The bench scripts' flags, parsed by node's `util.parseArgs` (strict: an unknown flag is an error, so a typo does not
 * silently run the default): `--name value` and `--name=value` for `valued` flags, bare `--flag` for `bare` ones.
 */
export type Flags = Record<string, string | boolean | undefined>;

export function parseFlags(argv: readonly string[], valued: readonly string[], bare: readonly string[] = []): Flags {
  const options = Object.fromEntries([
    ...valued.map((name) => [name, { type: 'string' as const }]),
    ...bare.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Flags;
}

export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function listFlag<T extends string>(flags: Flags, name: string, allowed: readonly T[]): T[] {
  const raw = flags[name];
  if (raw === undefined) return [...allowed];
  if (typeof raw !== 'string') throw new Error(`--${name} needs a comma-separated list`);
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (bad.length) throw new Error(`--${name}: unknown ${bad.join(', ')} (allowed: ${allowed.join(', ')})`);
  return items as T[];
}

/** The flags every Spotify-path bench shares (`--budget`, `--timeout-ms`, `--artists`), with the fixed seed, Redis and progress log. */
export const SHARED_FLAGS = ['budget', 'timeout-ms', 'artists'] as const;

export function sharedSettings(flags: Flags, defaults: { budget: number; timeoutMs: number }) {
  return {
    budgetPer30s: numberFlag(flags, 'budget', defaults.budget),
    userTimeoutMs: numberFlag(flags, 'timeout-ms', defaults.timeoutMs),
    artistCount: numberFlag(flags, 'artists', 2000),
    seed: 42,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    log: (line: string) => void process.stderr.write(`${line}\n`),
  };
}
