import type { PGlite } from '@electric-sql/pglite';
import type { RatingStoreLogger } from '../logger.types';
import { ReadyForQueryScanner } from './ready-for-query.scanner';
import { isTerminate, simpleQueryMessage, syncMessage } from './wire-protocol';

export interface PgliteSessionSchedulerOptions {
  db: PGlite;
  /**
   * How long a connection may hold the session between two of its messages while it is inside a
   * transaction or an extended-query sequence (PostgreSQL's idle_in_transaction_session_timeout).
   * Past it `onOwnerIdle` is called, which should drop that connection (its work is rolled back).
   */
  ownerIdleTimeoutMs: number;
  onOwnerIdle: (connectionId: number) => void;
  logger: RatingStoreLogger;
}

interface Waiter {
  connectionId: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface ConnectionState {
  /** The connection's messages run one after another, in arrival order. */
  tail: Promise<unknown>;
  closed: boolean;
}

/**
 * Shares PGlite's single backend session between many client connections without mixing them.
 *
 * A connection takes the session before its first message and keeps it until an answer ends with
 * ReadyForQuery in state idle ('I'): an extended-query sequence (Parse/Bind/Execute/Sync) and a whole
 * transaction block (BEGIN … COMMIT) therefore run with nobody else's message in between, and other
 * connections queue (FIFO). This replaces pglite-socket's own queue, which schedules single messages
 * and lets two connections' Parse/Bind interleave (electric-sql/pglite#1046).
 *
 * Implements the three methods `PGLiteSocketHandler` calls on its `queryQueue`.
 */
export class PgliteSessionScheduler {
  private owner: number | null = null;
  private readonly waiters: Waiter[] = [];
  private readonly connections = new Map<number, ConnectionState>();
  private idleTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: PgliteSessionSchedulerOptions) {}

  /** The connection holding the session, and how many wait for it. */
  stats(): { owner: number | null; waiting: number } {
    return { owner: this.owner, waiting: this.waiters.length };
  }

  /** Runs one frontend message of `connectionId` and streams the answer to `onData`; resolves with its size. */
  enqueue(connectionId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const state = this.connection(connectionId);
    const run = state.tail.catch(() => undefined).then(() => this.execute(connectionId, state, message, onData));
    state.tail = run;
    return run;
  }

  /** The connection is going away: its queued messages are dropped. */
  clearQueueForHandler(connectionId: number): void {
    this.connection(connectionId).closed = true;
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.waiters[i];
      if (waiter.connectionId !== connectionId) continue;
      this.waiters.splice(i, 1);
      waiter.reject(new Error('connection closed'));
    }
  }

  /** After the connection closed: if it held the session, roll its work back and hand the session on. */
  async clearTransactionIfNeeded(connectionId: number): Promise<void> {
    const state = this.connections.get(connectionId);
    if (state) await state.tail.catch(() => undefined);
    this.connections.delete(connectionId);
    if (this.owner !== connectionId) return;
    if (!this.stopped) await this.resetSession(connectionId);
    this.release(connectionId);
  }

  /** No more work: pending waiters are refused and nothing touches the database again. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.idleTimer);
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('server stopping'));
    this.owner = null;
  }

  private connection(connectionId: number): ConnectionState {
    let state = this.connections.get(connectionId);
    if (!state) {
      state = { tail: Promise.resolve(), closed: false };
      this.connections.set(connectionId, state);
    }
    return state;
  }

  private async execute(id: number, state: ConnectionState, message: Uint8Array, onData: (d: Uint8Array) => void): Promise<number> {
    if (state.closed || this.stopped) throw new Error('connection closed');
    // Terminate is not forwarded: PGlite's one session must outlive every client. The socket closes next.
    if (isTerminate(message)) return 0;
    await this.acquire(id);
    clearTimeout(this.idleTimer);
    const scanner = new ReadyForQueryScanner();
    let size = 0;
    try {
      await this.options.db.runExclusive(() =>
        this.options.db.execProtocolRawStream(message, {
          onRawData: (data) => {
            size += data.length;
            scanner.push(data);
            onData(data);
          },
        }),
      );
    } catch (error) {
      this.options.logger.error({ connectionId: id, err: (error as Error).message }, 'PGlite failed a protocol message');
      await this.resetSession(id);
      this.release(id);
      throw error;
    }
    if (scanner.status === 'I') this.release(id);
    else this.armIdleTimer(id);
    return size;
  }

  private acquire(connectionId: number): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('server stopping'));
    if (this.owner === connectionId) return Promise.resolve();
    if (this.owner === null && this.waiters.length === 0) {
      this.owner = connectionId;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => this.waiters.push({ connectionId, resolve, reject }));
  }

  private release(connectionId: number): void {
    if (this.owner !== connectionId) return;
    clearTimeout(this.idleTimer);
    const next = this.waiters.shift();
    this.owner = next ? next.connectionId : null;
    next?.resolve();
  }

  private armIdleTimer(connectionId: number): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.owner !== connectionId || this.waiters.length === 0) return this.armIdleTimer(connectionId);
      this.options.logger.warn(
        { connectionId, idleMs: this.options.ownerIdleTimeoutMs, waiting: this.waiters.length },
        'connection idle inside a transaction while others wait: closing it (its transaction is rolled back)',
      );
      this.options.onOwnerIdle(connectionId);
    }, this.options.ownerIdleTimeoutMs);
    this.idleTimer.unref();
  }

  /** Ends a half-sent extended-query sequence (Sync) and rolls back an open transaction block. */
  private async resetSession(connectionId: number): Promise<void> {
    const { db } = this.options;
    try {
      await db.runExclusive(async () => {
        await db.execProtocolRaw(syncMessage());
        if (db.isInTransaction()) await db.execProtocolRaw(simpleQueryMessage('ROLLBACK'));
      });
    } catch (error) {
      this.options.logger.error({ connectionId, err: (error as Error).message }, 'could not reset the PGlite session');
    }
  }
}
