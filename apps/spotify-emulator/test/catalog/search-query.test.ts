import { matchScore, needle, normalize, parseSearchQuery } from '../../src/catalog/search-query';
import { TypoVocabulary } from '../../src/catalog/typo-tolerance';

describe('search query parsing', () => {
  it('extracts artist/album/year filters and keeps the free text', () => {
    expect(parseSearchQuery('folklore artist:"Taylor Swift" year:2019-2021')).toEqual({
      text: 'folklore',
      artist: 'taylor swift',
      year: { from: 2019, to: 2021 },
    });
    expect(parseSearchQuery('album:Discovery')).toEqual({ text: '', album: 'discovery' });
    expect(parseSearchQuery('remaster track:Doxy artist:Miles')).toEqual({ text: 'remaster', artist: 'miles' });
  });

  it('normalises case, accents and spacing', () => {
    expect(normalize('  BEYONCÉ   Knowles ')).toBe('beyonce knowles');
    expect(normalize('EL ÚLTIMO TOUR')).toBe('el ultimo tour');
  });

  it('unifies compatibility forms, folds case beyond lower case, and keeps other scripts in their script', () => {
    expect(normalize('ＡＢＢＡ')).toBe('abba'); // full-width Latin
    expect(normalize('ﾋｶﾙ ｳﾀﾀﾞ')).toBe('ヒカル ウタダ'); // half-width katakana, voicing mark recomposed
    expect(normalize('ﬁnal STRAẞE')).toBe('final strasse'); // ligature; capital sharp s folds like ß
    expect(normalize('Пётр ЧАЙКОВСКИЙ')).toBe(normalize('петр чаиковскии')); // Cyrillic case and accents
    expect(normalize('방탄소년단')).toBe('방탄소년단'); // Hangul syllables survive decomposition
    expect(normalize('ガ')).not.toBe(normalize('カ')); // a kana voicing mark is no accent
    expect(normalize('İstanbul')).toBe('istanbul'); // no stray combining dot
    expect(normalize('ΟΔΟΣ')).toBe(normalize('οδος')); // Greek final sigma
  });

  it('scores exact > prefix > substring > all tokens > none', () => {
    expect(matchScore('taylor swift', 'taylor swift')).toBe(4);
    expect(matchScore('taylor swift', 'taylor')).toBe(3);
    expect(matchScore('taylor swift', 'swift')).toBe(2);
    expect(matchScore('taylor swift', 'swift taylor')).toBe(1);
    expect(matchScore('taylor swift', 'katy')).toBe(0);
    expect(matchScore('generated artist 1004', 'generated artist 0042')).toBe(0);
  });

  it('scores a match that needed typo correction below every exact tier, fewer edits higher', () => {
    const typos = new TypoVocabulary();
    for (const name of ['radiohead', 'taylor swift']) typos.add(name);
    const oneEdit = matchScore('radiohead', needle('radiohed', typos));
    const twoEdits = matchScore('taylor swift', needle('tayler swft', typos));
    expect(oneEdit).toBeGreaterThan(twoEdits);
    expect(twoEdits).toBeGreaterThan(0);
    expect(oneEdit).toBeLessThan(matchScore('taylor swift', 'swift taylor'));
    // Every query word must match: an exact word does not carry a stranger along.
    expect(matchScore('taylor swift', needle('taylor zzzzz', typos))).toBe(0);
    // Without a vocabulary, nothing is corrected.
    expect(matchScore('radiohead', 'radiohed')).toBe(0);
  });
});
