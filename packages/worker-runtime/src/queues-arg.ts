import { parseArgs } from 'node:util';
import { ALL_QUEUES, QueueName, isQueueName } from '@albumboard/queue-contracts';

/** A `--queues` argument that names no queue, an unknown queue, a queue this app does not serve, or mixes `spotify` with others. */
export class QueuesArgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueuesArgError';
  }
}

export interface ParseQueuesOptions {
  /** The queues to serve when `--queues` is absent. */
  defaults: readonly QueueName[];
  /** The queues this app knows how to serve (defaults to every queue). */
  allowed?: readonly QueueName[];
}

/** The value of `--queues` (node's `util.parseArgs`; other arguments are the app's business), the last one given. */
function readRawValue(argv: readonly string[]): string | undefined {
  try {
    const { values } = parseArgs({ args: [...argv], options: { queues: { type: 'string', multiple: true } }, strict: false, allowPositionals: true });
    const given = values.queues;
    if (given === undefined) return undefined;
    const last = Array.isArray(given) ? given[given.length - 1] : undefined;
    if (typeof last !== 'string' || last.startsWith('--')) throw new QueuesArgError('--queues needs a value, e.g. --queues spotify');
    return last;
  } catch (error) {
    if (error instanceof QueuesArgError) throw error;
    throw new QueuesArgError(`--queues: ${(error as Error).message}`);
  }
}

/**
 * Reads `--queues a,b` or `--queues=a,b` from `argv` (the process arguments after the script name).
 * Validates each name against the contracts' queue names and the app's allowed queues, and refuses to
 * mix `spotify` with any other queue: the `spotify` queue must have a process of its own, because that
 * process owns the Spotify budget.
 */
export function parseQueuesArg(argv: readonly string[], options: ParseQueuesOptions): QueueName[] {
  const raw = readRawValue(argv);
  if (raw === undefined) return [...options.defaults];
  const names = [...new Set(raw.split(',').map((name) => name.trim()).filter((name) => name.length > 0))];
  if (names.length === 0) throw new QueuesArgError('--queues names no queue; expected a comma-separated list, e.g. --queues spotify');
  const allowed = options.allowed ?? ALL_QUEUES;
  for (const name of names) {
    if (!isQueueName(name)) {
      throw new QueuesArgError(`Unknown queue "${name}" in --queues; known queues: ${ALL_QUEUES.join(', ')}`);
    }
  }
  if (names.includes(QueueName.Spotify) && names.length > 1) {
    throw new QueuesArgError(
      `Refusing --queues ${names.join(',')}: the spotify queue must run in its own process (worker-spotify owns the Spotify budget); start another process for ${names.filter((n) => n !== QueueName.Spotify).join(', ')}`,
    );
  }
  for (const name of names as QueueName[]) {
    if (!allowed.includes(name)) {
      throw new QueuesArgError(`This worker does not serve queue "${name}"; it serves: ${allowed.join(', ')}`);
    }
  }
  return names as QueueName[];
}

/** `['spotify', 'default']` — the Python-list style the operators' log searches expect. */
export function formatQueueList(queues: readonly string[]): string {
  return `[${queues.map((queue) => `'${queue}'`).join(', ')}]`;
}

/** Runs `parseQueuesArg`; on a refused `--queues` value prints its one line to stderr and exits with code 2. */
export function parseQueuesArgOrExit(argv: readonly string[], options: ParseQueuesOptions): QueueName[] {
  try {
    return parseQueuesArg(argv, options);
  } catch (error) {
    if (!(error instanceof QueuesArgError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
