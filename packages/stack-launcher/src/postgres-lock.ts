import fs from 'node:fs';
import path from 'node:path';

/**
 * The pid of the PostgreSQL server that holds `<dataDir>/postmaster.pid` (PostgreSQL's own lock on a data
 * directory), or undefined when the file is missing or stale (its process is gone).
 */
export function postmasterPidHolder(dataDir: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (e.g. the `postgres` user when we run as root).
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** The one line a second launcher on the same data directory prints. */
export function dataDirInUseMessage(dataDir: string, pid: number): string {
  return `the embedded PostgreSQL data directory ${dataDir} is in use by another server (postmaster.pid: pid ${pid}); stop the other \`pnpm start\` / \`pnpm dev\`, or set EMBEDDED_PG_DATA_DIR (and EMBEDDED_PG_PORT) for a second stack`;
}
