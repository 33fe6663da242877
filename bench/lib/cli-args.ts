/**
 * Tiny flag parser for the bench scripts: `--name value`, `--name=value` and bare `--flag` (true).
 * Unknown flags are an error, so a typo does not silently run the default.
 */
export type Flags = Record<string, string | true>;

export function parseFlags(argv: readonly string[], known: readonly string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    if (!known.includes(name)) throw new Error(`Unknown flag --${name} (known: ${known.map((k) => `--${k}`).join(', ')})`);
    if (inline !== undefined) flags[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags[name] = argv[(i += 1)];
    else flags[name] = true;
  }
  return flags;
}

export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function listFlag<T extends string>(flags: Flags, name: string, allowed: readonly T[]): T[] {
  const raw = flags[name];
  if (raw === undefined) return [...allowed];
  if (raw === true) throw new Error(`--${name} needs a comma-separated list`);
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (bad.length) throw new Error(`--${name}: unknown ${bad.join(', ')} (allowed: ${allowed.join(', ')})`);
  return items as T[];
}
