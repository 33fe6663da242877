import { ReadyForQueryScanner } from './ready-for-query.scanner';

function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const parseComplete = backendMessage('1', Buffer.alloc(0));
const ready = (status: string) => backendMessage('Z', Buffer.from(status, 'latin1'));
// A DataRow whose bytes contain a fake ReadyForQuery: only message boundaries may count.
const trickyRow = backendMessage('D', Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 6]), Buffer.from('Z\0\0\0\x05I', 'latin1')]));

function scan(chunks: Buffer[]): string | null {
  const scanner = new ReadyForQueryScanner();
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.status;
}

describe('ReadyForQueryScanner', () => {
  it('reports the status of the last ReadyForQuery, or null without one', () => {
    expect(scan([Buffer.concat([parseComplete, ready('T')])])).toBe('T');
    expect(scan([Buffer.concat([ready('I'), parseComplete, ready('E')])])).toBe('E');
    expect(scan([parseComplete])).toBeNull();
    expect(scan([trickyRow])).toBeNull();
  });

  it('follows messages split across chunks at any byte', () => {
    const stream = Buffer.concat([parseComplete, trickyRow, ready('T')]);
    for (let cut = 1; cut < stream.length; cut += 1) {
      expect(scan([stream.subarray(0, cut), stream.subarray(cut)])).toBe('T');
    }
    expect(scan([...stream].map((byte) => Buffer.from([byte])))).toBe('T');
  });
});
