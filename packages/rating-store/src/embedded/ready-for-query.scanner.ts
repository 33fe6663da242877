import type { TransactionStatus } from './wire-protocol';

const READY_FOR_QUERY = 0x5a; // 'Z'
const HEADER_LENGTH = 5; // type byte + int32 length (which counts itself)

/**
 * Walks the backend messages of one answer, chunk by chunk (a message may span chunks), and keeps
 * the transaction status of the last ReadyForQuery seen. `status` stays null when the answer has
 * none: the backend is then in the middle of an extended-query sequence (Parse/Bind/... before Sync).
 */
export class ReadyForQueryScanner {
  status: TransactionStatus | null = null;
  private readonly header = Buffer.alloc(HEADER_LENGTH);
  private headerFill = 0;
  private type = 0;
  private bodyRead = 0;
  private bodyLength = 0;

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.headerFill < HEADER_LENGTH) {
        this.header[this.headerFill] = chunk[i];
        this.headerFill += 1;
        i += 1;
        if (this.headerFill === HEADER_LENGTH) {
          this.type = this.header[0];
          this.bodyLength = this.header.readInt32BE(1) - 4;
          this.bodyRead = 0;
          if (this.bodyLength <= 0) this.headerFill = 0;
        }
        continue;
      }
      const take = Math.min(this.bodyLength - this.bodyRead, chunk.length - i);
      if (this.type === READY_FOR_QUERY && this.bodyRead === 0) {
        this.status = String.fromCharCode(chunk[i]) as TransactionStatus;
      }
      this.bodyRead += take;
      i += take;
      if (this.bodyRead >= this.bodyLength) this.headerFill = 0;
    }
  }
}
