import type { AlbumInput } from '../../src';
import { LEADERBOARD_PRIOR_MEAN, LEADERBOARD_PRIOR_WEIGHT } from '../../src';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A valid 22-character base62 album id for index `i`. */
export function albumId(i: number): string {
  return `Alb${i.toString().padStart(19, '0')}`;
}

export function album(i: number): AlbumInput {
  return {
    id: albumId(i),
    name: `Album ${i}`,
    artists: [{ id: `Art${i.toString().padStart(19, '0')}`, name: `Artist ${i}` }],
    imageUrl: `https://i.scdn.co/image/${i}`,
    releaseDate: '2020-01-01',
    albumType: 'album',
    totalTracks: 10 + i,
    spotifyUrl: `https://open.spotify.com/album/${albumId(i)}`,
  };
}

/** Deterministic PRNG (pure-rand's xoroshiro128+) so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}

export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

export interface ExpectedEntry {
  rank: number;
  albumId: string;
  ratingCount: number;
  score: number;
  average: number;
}

/**
 * The board computed from scratch: Bayesian average (C*m + sum)/(C + n), compared exactly by
 * cross-multiplication, ties broken by rating count (more first) then album id (byte order).
 */
export function expectedBoard(finalScores: Iterable<{ albumId: string; score: number }>): ExpectedEntry[] {
  const totals = new Map<string, { n: number; sum: number }>();
  for (const { albumId: id, score } of finalScores) {
    const t = totals.get(id) ?? { n: 0, sum: 0 };
    totals.set(id, { n: t.n + 1, sum: t.sum + score });
  }
  const prior = LEADERBOARD_PRIOR_WEIGHT * LEADERBOARD_PRIOR_MEAN;
  const rows = [...totals].map(([id, t]) => ({ id, ...t }));
  rows.sort((a, b) => {
    const cross = (prior + b.sum) * (LEADERBOARD_PRIOR_WEIGHT + a.n) - (prior + a.sum) * (LEADERBOARD_PRIOR_WEIGHT + b.n);
    if (cross !== 0) return cross;
    if (a.n !== b.n) return b.n - a.n;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return rows.map((r, i) => ({
    rank: i + 1,
    albumId: r.id,
    ratingCount: r.n,
    score: round4((prior + r.sum) / (LEADERBOARD_PRIOR_WEIGHT + r.n)),
    average: round4(r.sum / r.n),
  }));
}
