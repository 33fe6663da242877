import { matchScore, normalize, parseSearchQuery } from '../../src/catalog/search-query';

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

  it('scores exact > prefix > substring > all tokens > none', () => {
    expect(matchScore('taylor swift', 'taylor swift')).toBe(4);
    expect(matchScore('taylor swift', 'taylor')).toBe(3);
    expect(matchScore('taylor swift', 'swift')).toBe(2);
    expect(matchScore('taylor swift', 'swift taylor')).toBe(1);
    expect(matchScore('taylor swift', 'katy')).toBe(0);
    expect(matchScore('generated artist 1004', 'generated artist 0042')).toBe(0);
  });
});
