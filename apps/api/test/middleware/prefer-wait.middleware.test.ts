import { preferredWaitS } from '../../src/middleware/prefer-wait.middleware';

describe('preferredWaitS: the wait preference of a Prefer header (RFC 7240)', () => {
  it.each([
    ['wait=5', 5],
    ['respond-async, wait=10', 10],
    ['Wait = "3"', 3],
    ['wait=3; foo=bar, return=minimal', 3],
    ['wait=5, wait=1', 5], // only the first instance of a preference counts (§2)
    ['handling=lenient,wait=2', 2],
  ])('%s → %s', (header, seconds) => {
    expect(preferredWaitS(header)).toBe(seconds);
  });

  it.each([undefined, '', 'respond-async', 'wait', 'wait=', 'wait=abc', 'wait=-1', 'wait=1.5', 'wait=1e3', 'wait=0', 'wait=99999999999999999999', 'wait=5x'])(
    'ignores %p',
    (header) => {
      expect(preferredWaitS(header)).toBeUndefined();
    },
  );

  it('a malformed first wait is not replaced by a later one', () => {
    expect(preferredWaitS('wait=soon, wait=2')).toBeUndefined();
  });
});
