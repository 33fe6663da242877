/**
 * Every Redis command one piece of work causes, read with MONITOR and grouped by what sent it: each Lua script by
 * name (with the commands it ran inside, which `INFO commandstats` counts too) and each plain command by name.
 * MONITOR slows Redis down, so it is used around one call, never during a timed phase. Like the commandstats delta it
 * sees the whole server: a periodic command of another client (a stalled-jobs check, a metrics flush) shows up too.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TracedGroup {
  /** A script's name (`BullMQ moveToActive`, `albumboard admission`) or a plain command (`xread`). */
  label: string;
  /** Top-level commands (script calls) in the group. */
  calls: number;
  /** Commands counted, the script's inner ones included. */
  commands: number;
}

export interface CommandTrace {
  groups: TracedGroup[];
  total: number;
}

/** Undoes Redis' quoting of MONITOR arguments (sdscatrepr): \\ \" \n \r \t \a \b and \xHH. */
export function unquoteMonitorArg(arg: string): string {
  return arg.replace(/\\(x[0-9a-f]{2}|.)/g, (_, code: string) => {
    if (code.length === 3) return String.fromCharCode(parseInt(code.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b' } as Record<string, string>)[code] ?? code;
  });
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Runs `run` with a MONITOR connection open and returns what Redis executed meanwhile, until `quietMs` passed without
 * a command after `run` finished (the worker's follow-up fetches belong to the call). `scripts` names Lua bodies:
 * EVALSHA is matched by the sha1 of the body, EVAL by the body itself.
 */
export async function traceCommands<T>(
  redisUrl: string,
  scripts: Record<string, string>,
  run: () => Promise<T>,
  quietMs = 150,
): Promise<{ result: T; trace: CommandTrace }> {
  const bySha = new Map(Object.entries(scripts).map(([name, body]) => [sha1(body), name]));
  const client = new Redis(redisUrl);
  const monitor = await client.monitor(); // a connection of its own; `client` is closed with it
  const groups = new Map<string, TracedGroup>();
  let current: TracedGroup | undefined;
  let lastAt = Date.now();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    lastAt = Date.now();
    if (source === 'lua' && current) {
      current.commands += 1;
      return;
    }
    const command = (args[0] ?? '').toLowerCase();
    let label = command;
    if (command === 'evalsha') label = bySha.get(args[1] ?? '') ?? `evalsha ${String(args[1]).slice(0, 8)}`;
    else if (command === 'eval') label = bySha.get(sha1(unquoteMonitorArg(args[1] ?? ''))) ?? 'eval (unnamed script)';
    const group = groups.get(label) ?? { label, calls: 0, commands: 0 };
    group.calls += 1;
    group.commands += 1;
    groups.set(label, group);
    current = group;
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, quietMs)); // MONITOR is live before the call starts
    groups.clear();
    current = undefined;
    const result = await run();
    while (Date.now() - lastAt < quietMs) await new Promise((resolve) => setTimeout(resolve, quietMs / 3));
    const sorted = [...groups.values()].sort((a, b) => b.commands - a.commands);
    return { result, trace: { groups: sorted, total: sorted.reduce((sum, g) => sum + g.commands, 0) } };
  } finally {
    monitor.disconnect();
    client.disconnect();
  }
}
