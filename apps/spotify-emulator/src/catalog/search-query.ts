/** Spotify-style `q` parsing and matching, kept deliberately simple. */
export interface SearchQuery {
  /** Free text left after removing field filters (normalised). */
  text: string;
  artist?: string;
  album?: string;
  year?: { from: number; to: number };
}

/** Lower case, accents removed (so "beyonce" finds "Beyoncé"), whitespace collapsed. */
export function normalize(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const FILTER = /(^|\s)([a-z]+):(?:"([^"]*)"|(\S+))/gi;

/** Extracts `artist:`, `album:` and `year:` filters; other filters (track, genre, tag, …) are dropped. */
export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = { text: '' };
  const text = q.replace(FILTER, (_match, lead: string, field: string, quoted?: string, bare?: string) => {
    const value = normalize(quoted ?? bare ?? '');
    const name = field.toLowerCase();
    if (name === 'artist' && value) query.artist = value;
    else if (name === 'album' && value) query.album = value;
    else if (name === 'year') {
      const range = /^(\d{4})(?:-(\d{4}))?$/.exec(value);
      if (range) query.year = { from: Number(range[1]), to: Number(range[2] ?? range[1]) };
    }
    return lead;
  });
  query.text = normalize(text);
  return query;
}

/** A normalised needle, split once into tokens. */
export interface Needle {
  text: string;
  tokens: string[];
}

export function needle(text: string): Needle {
  return { text, tokens: text.split(' ').filter(Boolean) };
}

/**
 * How well `n` matches `haystack` (both normalised): 4 exact, 3 prefix, 2 substring,
 * 1 every whitespace-separated token is a substring, 0 no match.
 */
export function matchScore(haystack: string, n: Needle | string): number {
  const { text, tokens } = typeof n === 'string' ? needle(n) : n;
  if (!text) return 0;
  if (haystack === text) return 4;
  if (haystack.startsWith(text)) return 3;
  if (haystack.includes(text)) return 2;
  return tokens.every((token) => haystack.includes(token)) ? 1 : 0;
}
