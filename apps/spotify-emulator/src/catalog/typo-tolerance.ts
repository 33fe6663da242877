import { distance } from 'fastest-levenshtein';

/**
 * Edits forgiven in a query word, by its length: none up to 2 characters, one up to 5, two beyond (the AUTO fuzziness
 * of Lucene-based search engines). Short words would otherwise match almost anything; a two-letter word is typed right.
 */
export function editsAllowed(word: string): number {
  return word.length < 3 ? 0 : word.length < 6 ? 1 : 2;
}

/** A vocabulary word a query word may be a typo for, and the edits between the two. */
export interface NearMiss {
  word: string;
  edits: number;
}

/**
 * Query words whose near misses are remembered (the oldest is forgotten first). A remembered word is at most 2
 * characters longer than the longest vocabulary word (a longer one has no near miss to remember): about a megabyte.
 */
const LOOKED_UP_MAX = 10_000;

/** A number is an identity, not a spelling: `0042` is no typo for `0043`, nor `1989` for `1988`. */
const spellable = (word: string): boolean => !/\d/.test(word);

/**
 * The words whose misspellings search forgives (the words of the artists' names, every script), and the lookup of a
 * query word's near misses among them. The words are the catalogue's own, so the set is bounded by the catalogue.
 */
export class TypoVocabulary {
  /** Words by length, so a query word is compared only with words its edit budget can reach. */
  private readonly byLength = new Map<number, Set<string>>();
  /** Near misses already looked up: a search for artists and albums asks twice, a benchmark asks again and again. */
  private readonly looked = new Map<string, NearMiss[]>();
  private longest = 0;

  /** Adds the words of a normalised name. */
  add(name: string): void {
    this.looked.clear();
    for (const word of name.split(' ')) {
      if (!spellable(word)) continue;
      this.longest = Math.max(this.longest, word.length);
      const words = this.byLength.get(word.length) ?? new Set<string>();
      words.add(word);
      this.byLength.set(word.length, words);
    }
  }

  /**
   * The vocabulary's words within `editsAllowed(word)` Levenshtein edits of a normalised query word, fewest edits
   * first (then alphabetically), each at least 1 edit away: the word itself is an exact match, not a near miss.
   */
  nearMisses(word: string): NearMiss[] {
    if (word.length > this.longest + 2) return [];
    let found = this.looked.get(word);
    if (!found) {
      found = this.lookUp(word);
      if (this.looked.size >= LOOKED_UP_MAX) this.looked.delete(this.looked.keys().next().value as string);
      this.looked.set(word, found);
    }
    return found;
  }

  private lookUp(word: string): NearMiss[] {
    const found: NearMiss[] = [];
    const budget = spellable(word) ? editsAllowed(word) : 0;
    for (let length = word.length - budget; budget > 0 && length <= word.length + budget; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        const edits = distance(word, candidate);
        if (edits > 0 && edits <= budget) found.push({ word: candidate, edits });
      }
    }
    return found.sort((a, b) => a.edits - b.edits || a.word.localeCompare(b.word));
  }
}
