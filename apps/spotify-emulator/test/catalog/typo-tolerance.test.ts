import { editsAllowed, TypoVocabulary } from '../../src/catalog/typo-tolerance';

describe('typo tolerance', () => {
  it('forgives no edit up to 2 characters, one up to 5, two beyond', () => {
    expect(['u2', 'abc', 'swift', 'eagles', 'radiohead'].map(editsAllowed)).toEqual([0, 1, 1, 2, 2]);
  });

  const vocabulary = new TypoVocabulary();
  for (const name of ['radiohead', 'the beatles', 'eagles', 'muse', 'generated artist 0042', '宇多田ヒカル']) vocabulary.add(name);

  it('finds the words within the edit budget of a query word, fewest edits first', () => {
    expect(vocabulary.nearMisses('radiohed')).toEqual([{ word: 'radiohead', edits: 1 }]);
    expect(vocabulary.nearMisses('beagles')).toEqual([{ word: 'beatles', edits: 1 }, { word: 'eagles', edits: 1 }]);
    expect(vocabulary.nearMisses('beatgles')).toEqual([{ word: 'beatles', edits: 1 }, { word: 'eagles', edits: 2 }]);
    expect(vocabulary.nearMisses('mose')).toEqual([{ word: 'muse', edits: 1 }]);
    expect(vocabulary.nearMisses('宇多田ピカル')).toEqual([{ word: '宇多田ヒカル', edits: 1 }]);
  });

  it('does not count a word as its own near miss, nor a word beyond the budget', () => {
    expect(vocabulary.nearMisses('radiohead')).toEqual([]);
    expect(vocabulary.nearMisses('rdiohd')).toEqual([]); // 3 edits from radiohead
    expect(vocabulary.nearMisses('mzze')).toEqual([]); // 2 edits from muse, a 4-letter word allows 1
    expect(vocabulary.nearMisses('th')).toEqual([]); // 1 edit from "the", but 2-letter words are taken as typed
    expect(vocabulary.nearMisses('radioheadzz')).toEqual([{ word: 'radiohead', edits: 2 }]);
    expect(vocabulary.nearMisses('radioheadzzz')).toEqual([]); // longer than any word can reach
  });

  it('answers the same when asked again, and sees words added since', () => {
    const growing = new TypoVocabulary();
    growing.add('muse');
    expect(growing.nearMisses('mase')).toEqual([{ word: 'muse', edits: 1 }]);
    expect(growing.nearMisses('mase')).toEqual([{ word: 'muse', edits: 1 }]);
    growing.add('mase oase');
    expect(growing.nearMisses('mase')).toEqual([{ word: 'muse', edits: 1 }, { word: 'oase', edits: 1 }]);
  });

  it('treats numbers as identities: no near miss for a word with a digit, and none among them', () => {
    expect(vocabulary.nearMisses('0043')).toEqual([]);
    expect(vocabulary.nearMisses('004')).toEqual([]);
    expect(vocabulary.nearMisses('generatd')).toEqual([{ word: 'generated', edits: 1 }]);
  });
});
