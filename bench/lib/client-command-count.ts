/**
 * Commands sent by clients, as a per-command bill counts them: every MONITOR line except those marked `[0 lua]` (the
 * commands a script ran inside; the EVALSHA that ran it is counted). Server-wide: run it on a Redis of the bench's own.
 */
import { Redis } from 'ioredis';

export interface ClientCommandCount {
  total: number;
  /** Command name (lowercase) → how many. */
  byCommand: Map<string, number>;
  elapsedMs: number;
}

/**
 * Runs `run` with a MONITOR open and counts the client commands Redis executed meanwhile, except those of the
 * connections in `exclude` (the bench's own, e.g. polling the queues).
 */
export async function countClientCommands<T>(redisUrl: string, run: () => Promise<T>, exclude: readonly Redis[] = []): Promise<{ result: T; count: ClientCommandCount }> {
  const excluded = new Set(exclude.map((connection) => `${connection.stream.localAddress}:${connection.stream.localPort}`));
  const client = new Redis(redisUrl);
  const monitor = await client.monitor();
  const byCommand = new Map<string, number>();
  let counting = false;
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (!counting || source === 'lua' || excluded.has(source)) return;
    const command = (args[0] ?? '').toLowerCase();
    byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 200)); // MONITOR is live before counting starts
    counting = true;
    const started = Date.now();
    const result = await run();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last replies' lines arrive
    counting = false;
    const total = [...byCommand.values()].reduce((a, b) => a + b, 0);
    return { result, count: { total, byCommand, elapsedMs: Date.now() - started } };
  } finally {
    monitor.disconnect();
    client.disconnect();
  }
}

/** `count` as `123 (evalsha 80, bzpopmin 20, …)`. */
export function describeCount(count: ClientCommandCount, per = 1): string {
  const parts = [...count.byCommand.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${fmt(n / per)}`);
  return `${fmt(count.total / per)} (${parts.join(', ')})`;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
