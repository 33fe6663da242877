import { decodeEntry, encodeEntry } from '../src';
import { answerJson } from './support/answers';

describe('cache entries', () => {
  it('store an answer deflated behind its fetch time, and read it back as the same text', () => {
    const json = answerJson();
    const raw = encodeEntry({ fetchedAtMs: 1_700_000_000_123, json });
    expect(raw.subarray(0, 16).toString('latin1')).toBe('1700000000123 d\n');
    expect(raw.length).toBeLessThan(Buffer.byteLength(json) * 0.75);
    expect(decodeEntry(raw)).toEqual({ fetchedAtMs: 1_700_000_000_123, json });
  });

  it.each([
    ['an earlier version’s uncompressed entry', Buffer.from(`1700000000000\n${answerJson(1)}`)],
    ['a bare answer', Buffer.from(answerJson(1))],
    ['no header', Buffer.from('x'.repeat(40))],
    ['a damaged body', Buffer.concat([Buffer.from('1700000000000 d\n'), Buffer.from('not deflate at all')])],
    ['a body that is not an object', Buffer.concat([encodeEntry({ fetchedAtMs: 1, json: '[1]' })])],
  ])('refuse %s', (_, raw) => {
    expect(decodeEntry(raw)).toBeNull();
  });
});
