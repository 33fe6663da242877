import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where initdb and pg_ctl live: on PATH, or Debian's /usr/lib/postgresql/<version>/bin. */
function postgresBin(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(base, version, 'bin', name))) return join(base, version, 'bin', name);
  throw new Error(`${name} not found (install PostgreSQL server binaries)`);
}

/**
 * A throwaway PostgreSQL cluster of the suite's own: `initdb` in a temp dir and `pg_ctl` on a free port. PostgreSQL
 * refuses to run as root, so as root every server command runs as the `postgres` user (runuser).
 */
export class PostgresServer {
  readonly dataDir: string;
  private readonly asRoot = process.getuid?.() === 0;

  constructor(readonly port: number, readonly root: string) {
    this.dataDir = join(root, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/albumboard`;
  }

  private async server(command: string, args: string[]): Promise<string> {
    const bin = postgresBin(command);
    const [file, argv] = this.asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    const { stdout } = await run(file, argv, { timeout: 60_000 });
    return stdout;
  }

  /** initdb (trust auth, no fsync during init) and start; then creates the `albumboard` database. */
  async init(): Promise<void> {
    mkdirSync(this.root, { recursive: true });
    if (this.asRoot) chownSync(this.root, ...postgresIds());
    await this.server('initdb', ['-D', this.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await this.start();
    await this.psql('postgres', 'create database albumboard');
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.root} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on`;
    await this.server('pg_ctl', ['-D', this.dataDir, '-l', join(this.root, 'postgres.log'), '-o', options, '-w', '-t', '30', 'start']);
  }

  /** `immediate` is a crash (no checkpoint; recovery replays the WAL at start); `fast` a clean shutdown. */
  async stop(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    await this.server('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
  }

  /** Runs `sql` with psql (unaligned, tuples only); the output, trimmed. */
  async psql(database: string, sql: string): Promise<string> {
    const { stdout } = await run('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], {
      timeout: 30_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim();
  }
}

function postgresIds(): [number, number] {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no postgres user: cannot run PostgreSQL as root');
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}
