import fc from 'fast-check';
import { pickRequestId } from '../../src/middleware/request-id.middleware';

const saneChar = fc.constantFrom(...'abcXYZ019._-'.split(''));

describe('pickRequestId', () => {
  it('keeps a sane token of at most 128 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: saneChar, minLength: 1, maxLength: 128 }), (id) => {
        expect(pickRequestId(id)).toBe(id);
      }),
    );
  });

  it('replaces anything else with a generated UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const insane = fc.oneof(
      fc.string({ unit: saneChar, minLength: 129, maxLength: 300 }),
      fc.string().filter((s) => !/^[A-Za-z0-9._-]{1,128}$/.test(s)),
    );
    fc.assert(
      fc.property(insane, (id) => {
        expect(pickRequestId(id)).toMatch(uuid);
      }),
    );
    expect(pickRequestId(undefined)).toMatch(uuid);
    expect(pickRequestId(['a', 'b'])).toMatch(uuid);
  });
});
