import { editsAllowed, TypoVocabulary } from '../../src/catalog/typo-tolerance';

describe('typo tolerance', () => {
  it('forgives no edit up to 2 characters, one up to 5, two beyond', () => {
    expect(['u2', 'abc', 'swift', 'eagles', 'radiohead'].map(editsAllowed)).toEqual([0, 1, 1, 2, 2]);
  });

  const vocabulary = new TypoVocabulary();
  for (const name of ['radiohead', 'the beatles', 'eagles', 'muse', 'generated artist 0042', '宇多田ヒカル']) vocabulary.add(name);

  it('finds the words within the edit budget of a query word, with their distance', () => {
    expect(vocabulary.nearMisses('radiohed')).toEqual(new Map([['radiohead', 1]]));
    expect(vocabulary.nearMisses('beagles')).toEqual(new Map([['beatles', 1], ['eagles', 1]]));
    expect(vocabulary.nearMisses('mose')).toEqual(new Map([['muse', 1]]));
    expect(vocabulary.nearMisses('宇多田ピカル')).toEqual(new Map([['宇多田ヒカル', 1]]));
  });

  it('does not count a word as its own near miss, nor a word beyond the budget', () => {
    expect(vocabulary.nearMisses('radiohead').size).toBe(0);
    expect(vocabulary.nearMisses('rdiohd').size).toBe(0); // 3 edits from radiohead
    expect(vocabulary.nearMisses('mzze').size).toBe(0); // 2 edits from muse, a 4-letter word allows 1
    expect(vocabulary.nearMisses('th').size).toBe(0); // 1 edit from "the", but 2-letter words are taken as typed
  });

  it('treats numbers as identities: no near miss for a word with a digit, and none among them', () => {
    expect(vocabulary.nearMisses('0043').size).toBe(0);
    expect(vocabulary.nearMisses('004').size).toBe(0);
    expect(vocabulary.nearMisses('generatd')).toEqual(new Map([['generated', 1]]));
  });
});
