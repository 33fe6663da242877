import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitUntil } from './ports';
import { startProcess, type ManagedProcess } from './processes';

const run = promisify(execFile);

/**
 * A Redis of the suite's own on `port`, persisting with AOF in `dir` (appendfsync everysec). `shutdown()` is
 * `SHUTDOWN` (not NOSAVE): Redis flushes and fsyncs the AOF before it exits, so a restart on the same dir keeps
 * every acknowledged write.
 */
export class RedisServer {
  private proc?: ManagedProcess;
  readonly dir: string;

  constructor(readonly port: number, root: string, private readonly logDir: string) {
    this.dir = join(root, 'redis');
    mkdirSync(this.dir, { recursive: true });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get process(): ManagedProcess | undefined {
    return this.proc;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--dir', this.dir];
    this.proc = startProcess('redis', 'redis-server', args, { env: {}, cwd: this.dir, logDir: this.logDir });
    await waitUntil('redis to answer PING', async () => (await this.cli('PING').catch(() => '')) === 'PONG', 10_000, 50);
  }

  /** `redis-cli shutdown`: persists (AOF) and exits; resolves once the process is gone. */
  async shutdown(): Promise<void> {
    await this.cli('SHUTDOWN').catch(() => undefined); // the connection drops as Redis exits
    await this.proc?.exited;
  }

  /** One redis-cli command; its raw output, trimmed. */
  async cli(...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-p', String(this.port), '--raw', ...args], { timeout: 5000 });
    return stdout.trim();
  }

  async lines(...args: string[]): Promise<string[]> {
    return (await this.cli(...args)).split('\n').filter(Boolean);
  }
}
