import type { NearMiss, TypoVocabulary } from './typo-tolerance';

/** Spotify-style `q` parsing and matching, kept deliberately simple. */
export interface SearchQuery {
  /** Free text left after removing field filters (normalised). */
  text: string;
  artist?: string;
  album?: string;
  year?: { from: number; to: number };
}

/**
 * Combining accents of Latin, Greek and Cyrillic letters (and the supplements of those blocks). The kana voicing marks
 * (U+3099, U+309A) are not among them: が is not か.
 */
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/**
 * The form names and queries are compared in: compatibility forms unified (NFKD here and NFC at the end make NFKC:
 * full-width `ＡＢＢＡ`, half-width `ｳﾀﾀﾞ`, ligatures), case folded (`ß` → `ss`, final `ς` → `σ`), accents removed
 * (`sigur ros` finds `Sigur Rós`, `Петр` finds `Пётр`), whitespace collapsed. Other scripts stay in their script:
 * a Japanese, Korean or Cyrillic name is found by the same name, not by a transliteration.
 */
export function normalize(value: string): string {
  return value
    .normalize('NFKD')
    .toLowerCase()
    .replace(/ß/g, 'ss') // the full case folds lower case leaves apart: STRASSE/straße, ΟΔΟΣ/οδος
    .replace(/ς/g, 'σ')
    .replace(DIACRITICS, '')
    .normalize('NFC') // recomposes what decomposition split and the accents were not: Hangul syllables, voiced kana
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

/** A normalised needle, split once into tokens, with each token's near misses when typos are forgiven. */
export interface Needle {
  text: string;
  tokens: string[];
  /** Per token: the words it may be a typo for, fewest edits first (see typo-tolerance.ts). */
  nearMisses?: NearMiss[][];
}

export function needle(text: string, typos?: TypoVocabulary): Needle {
  const tokens = text.split(' ').filter(Boolean);
  return typos ? { text, tokens, nearMisses: tokens.map((token) => typos.nearMisses(token)) } : { text, tokens };
}

/** The score of a match that needed typo correction: below every exact one, higher for fewer edits. */
const TYPO_SCORE = 0.5;

/**
 * How well `n` matches `haystack` (both normalised): 4 exact, 3 prefix, 2 substring,
 * 1 every whitespace-separated token is a substring, below 1 (0.5 / edits) every token is a substring or a near miss
 * of a word of the haystack, 0 no match.
 */
export function matchScore(haystack: string, n: Needle | string): number {
  const { text, tokens, nearMisses } = typeof n === 'string' ? needle(n) : n;
  if (!text) return 0;
  if (haystack === text) return 4;
  if (haystack.startsWith(text)) return 3;
  if (haystack.includes(text)) return 2;
  let edits = 0;
  let words: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (haystack.includes(tokens[i] as string)) continue;
    // The first near miss that is a word of the haystack has the fewest edits. A token has a few near misses at most;
    // testing each as a substring first spares splitting every haystack of a search.
    const misses = nearMisses?.[i];
    if (!misses?.length) return 0; // where most entries of a search end
    const miss = misses.find(({ word }) => haystack.includes(word) && (words ??= haystack.split(' ')).includes(word));
    if (!miss) return 0;
    edits += miss.edits;
  }
  return edits === 0 ? 1 : TYPO_SCORE / edits;
}
