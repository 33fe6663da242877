/**
 * The few PostgreSQL wire-protocol messages the embedded server builds or inspects itself
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html).
 */

/** Transaction status carried by ReadyForQuery: idle, in a transaction block, in a failed block. */
export type TransactionStatus = 'I' | 'T' | 'E';

const TERMINATE = 0x58; // 'X'

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** Sync ('S'): ends an extended-query sequence; the backend answers ReadyForQuery. */
export function syncMessage(): Uint8Array {
  return new Uint8Array(message('S', Buffer.alloc(0)));
}

/** Query ('Q'): one simple-protocol statement. */
export function simpleQueryMessage(sql: string): Uint8Array {
  return new Uint8Array(message('Q', Buffer.from(`${sql}\0`, 'utf8')));
}

/** True for a Terminate ('X') message: the client is leaving. */
export function isTerminate(frontendMessage: Uint8Array): boolean {
  return frontendMessage.length === 5 && frontendMessage[0] === TERMINATE;
}

/** A FATAL ErrorResponse ('E'), e.g. for a connection refused before it reaches the database. */
export function fatalErrorMessage(sqlstate: string, text: string): Buffer {
  const fields = [`SFATAL`, `VFATAL`, `C${sqlstate}`, `M${text}`].map((f) => Buffer.from(`${f}\0`, 'utf8'));
  return message('E', Buffer.concat([...fields, Buffer.from([0])]));
}
