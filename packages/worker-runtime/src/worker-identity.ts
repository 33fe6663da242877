import { hostname } from 'node:os';

/** `<name>@<hostname>:<pid>` — names this process in ping answers and in each job's `processedBy`. */
export function workerIdentity(name: string): string {
  return `${name}@${hostname()}:${process.pid}`;
}
