/**
 * Queries for the emulator's synthetic artists `Generated Artist 0001` … (1-based, zero-padded to
 * max(4, digits of the count)); each full name finds exactly one artist, so distinct queries cost
 * distinct upstream calls.
 */
export function generatedArtistQuery(index: number, count: number): string {
  const width = Math.max(4, String(count).length);
  return `Generated Artist ${String(index).padStart(width, '0')}`;
}

/** The i-th distinct query (wrapping around after `count`), starting at `offset`. */
export function distinctQuery(i: number, count: number, offset = 0): string {
  return generatedArtistQuery(((offset + i) % count) + 1, count);
}

/**
 * Mostly repeated traffic: with probability `hotShare` one of `hotSetSize` hot queries, otherwise a fresh
 * distinct query (taken after the hot set so they never collide).
 */
export function hotSetPicker(count: number, hotSetSize: number, hotShare: number): (i: number, random: () => number) => string {
  let cold = 0;
  return (_i, random) => {
    if (random() < hotShare) return generatedArtistQuery(1 + Math.floor(random() * hotSetSize), count);
    cold += 1;
    return generatedArtistQuery(hotSetSize + 1 + ((cold - 1) % (count - hotSetSize)), count);
  };
}
