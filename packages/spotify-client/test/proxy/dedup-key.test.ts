import { canonicalJson, spotifyCallDedupKey } from '../../src/proxy/dedup-key';

describe('spotifyCallDedupKey', () => {
  it('ignores key order and undefined values, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(spotifyCallDedupKey('getAlbum', { id: 'x', market: 'US' })).toBe(spotifyCallDedupKey('getAlbum', { market: 'US', id: 'x' }));
  });

  it('differs by method and by argument', () => {
    const base = spotifyCallDedupKey('searchArtists', { query: 'a', limit: 5, offset: 0 });
    expect(spotifyCallDedupKey('searchArtistAlbums', { query: 'a', limit: 5, offset: 0 })).not.toBe(base);
    expect(spotifyCallDedupKey('searchArtists', { query: 'a', limit: 5, offset: 10 })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{40}$/);
  });
});
