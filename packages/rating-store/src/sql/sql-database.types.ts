/** Minimal SQL access over node-postgres (the migration runner and the SQL back end). */
export interface SqlQueryable {
  /** One statement with $n parameters; returns the rows. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** A script of several statements, no parameters. */
  exec(text: string): Promise<void>;
}

export interface SqlDatabase extends SqlQueryable {
  /** Run `fn` inside BEGIN/COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Close what this wrapper opened (an injected pool stays open). */
  close(): Promise<void>;
}
