import type { AlbumSummary, ArtistAlbumsResult } from '@albumboard/queue-contracts';
import { toSearchResult } from '../../src/services/search.service';

const album: AlbumSummary = {
  id: 'a1',
  name: 'Album',
  artists: [{ id: 'r1', name: 'Artist' }],
  releaseDate: '2020-01-01',
  releaseDatePrecision: 'day',
  totalTracks: 10,
  imageUrl: null,
  spotifyUrl: null,
  albumType: 'album',
};

function result(hasMore: boolean): ArtistAlbumsResult {
  return {
    artist: { id: 'r1', name: 'Artist', imageUrl: null, spotifyUrl: null, genres: ['pop'], popularity: 5 },
    albums: { items: [album], total: 2000, limit: 10, offset: 0, hasMore },
  };
}

describe('toSearchResult', () => {
  it('keeps only the public fields', () => {
    const out = toSearchResult(result(false), { query: 'x', limit: 10, offset: 0 });
    expect(out.artist).toEqual({ id: 'r1', name: 'Artist', imageUrl: null, spotifyUrl: null });
    expect(out.items[0]).not.toHaveProperty('releaseDatePrecision');
    expect(out).toMatchObject({ total: 2000, limit: 10, offset: 0, nextOffset: null });
  });

  it('gives the next offset while there are more pages, and null past the largest offset allowed', () => {
    expect(toSearchResult(result(true), { query: 'x', limit: 10, offset: 20 }).nextOffset).toBe(30);
    expect(toSearchResult(result(true), { query: 'x', limit: 50, offset: 1000 }).nextOffset).toBeNull();
  });
});
