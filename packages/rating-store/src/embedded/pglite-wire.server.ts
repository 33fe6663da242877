import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { RatingStoreLogger } from '../logger.types';
import { PgliteSessionScheduler } from './pglite-session.scheduler';
import { fatalErrorMessage } from './wire-protocol';

export interface PgliteWireServerOptions {
  db: PGlite;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Open client connections allowed at once (default 100); one more is refused with SQLSTATE 53300. */
  maxConnections?: number;
  /** See PgliteSessionScheduler (default 30 000 ms). */
  ownerIdleTimeoutMs?: number;
  logger: RatingStoreLogger;
}

/**
 * A PostgreSQL server (TCP, no TLS, no password) over one PGlite instance. Each client connection is
 * a pglite-socket `PGLiteSocketHandler` (message framing, SSLRequest, CancelRequest, disconnects);
 * their messages go through one `PgliteSessionScheduler`, which gives the single PGlite session to
 * one connection at a time per query or transaction.
 */
export class PgliteWireServer {
  private readonly handlers = new Map<number, PGLiteSocketHandler>();
  private readonly sockets = new Set<Socket>();
  private readonly scheduler: PgliteSessionScheduler;
  private server: Server | undefined;
  private readonly maxConnections: number;

  constructor(private readonly options: PgliteWireServerOptions) {
    this.maxConnections = options.maxConnections ?? 100;
    this.scheduler = new PgliteSessionScheduler({
      db: options.db,
      ownerIdleTimeoutMs: options.ownerIdleTimeoutMs ?? 30_000,
      onOwnerIdle: (id) => void this.handlers.get(id)?.detach(true),
      logger: options.logger,
    });
  }

  /** Listens; resolves with the bound address. */
  async start(): Promise<{ host: string; port: number }> {
    await this.options.db.waitReady;
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (error) => this.options.logger.error({ err: error.message }, 'embedded Postgres server error'));
    return { host: this.options.host, port: (server.address() as AddressInfo).port };
  }

  stats(): { connections: number; owner: number | null; waiting: number } {
    return { connections: this.handlers.size, ...this.scheduler.stats() };
  }

  /**
   * Stops the server. With `drainTimeoutMs`, first waits (still serving) until every client has disconnected or
   * the time is up: processes stopping on the same Ctrl-C can finish their work. Then drops the remaining
   * connections (their open transactions roll back) and closes the listener.
   */
  async stop(options: { drainTimeoutMs?: number } = {}): Promise<void> {
    const server = this.server;
    if (!server) return;
    const until = Date.now() + (options.drainTimeoutMs ?? 0);
    while (this.handlers.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all([...this.handlers.values()].map((handler) => handler.detach(true).catch(() => undefined)));
    this.handlers.clear();
    this.scheduler.stop();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    socket.on('error', () => undefined);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    if (!this.server) {
      socket.destroy();
      return;
    }
    if (this.handlers.size >= this.maxConnections) {
      this.options.logger.warn({ maxConnections: this.maxConnections }, 'refusing a connection: too many clients');
      socket.end(fatalErrorMessage('53300', 'sorry, too many clients already'), () => socket.destroy());
      return;
    }
    const handler = new PGLiteSocketHandler({
      // The handler only calls enqueue / clearQueueForHandler / clearTransactionIfNeeded on its queue.
      queryQueue: this.scheduler as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    const id = handler.handlerId;
    this.handlers.set(id, handler);
    const forget = () => this.handlers.delete(id);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch((error: Error) => {
      forget();
      this.options.logger.warn({ err: error.message }, 'could not attach a client connection');
      socket.destroy();
    });
  }
}
