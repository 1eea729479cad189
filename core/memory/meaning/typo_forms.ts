/**
 * A misspelt word read as the word it misses by one edit ("migranes" for "migraines",
 * "recieve" for "receive"): users type fast and the word vectors and WordNet know only words
 * spelt right, so a memory saying "bad migranes" shared nothing with "migraines" but its
 * neighbours. A word of {@linkcode TYPO_MIN_LETTERS} letters or more that the vectors do not know (neither it nor its stem) is read as the WordNet word one Damerau edit away (a letter
 * inserted, deleted, replaced, or two neighbours swapped; the likeliest kind of slip first, then
 * the most common word), at {@linkcode TYPO_SIMILARITY}. A name the vectors lack ("Okafor", "Jayden") is seldom one edit
 * from a WordNet word, and a word spelt right is never read as another.
 *
 * No index is built: the edits of one word (about 54 per letter) are looked up in the table's
 * word map, only for an unknown word, and the answer is remembered by word (bounded).
 *
 * @module
 */
import { makeRoom } from "../oldest_first.ts";
import { stem } from "../text.ts";

/** How alike a misspelt word and the word it misses count: a reduced weight, below a form's 1. */
export const TYPO_SIMILARITY = 0.8;
/** The fewest letters a word needs to be read as a misspelling (shorter words collide). */
export const TYPO_MIN_LETTERS = 5;
/** Stems whose reading is remembered before the oldest go. */
const TYPO_MEMO_LIMIT = 10_000;

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * The words one Damerau edit from `word` over a-z, its first letter kept, in four groups by how people mistype, most
 * likely first: two neighbours swapped ("recieve"), a letter left out ("migranes"), a letter
 * doubled or added ("occurr"), a letter replaced ("seperate"). May hold `word` and repeats.
 */
export function oneEditAway(word: string): string[][] {
  const swapped: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  const replaced: string[] = [];
  // The first letter is kept: it is seldom the one mistyped (Yannakoudakis & Fawthrop 1983), and
  // a name the vectors lack would otherwise read as many a word ("Kavor" as "favor").
  for (let i = 1; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    for (const letter of LETTERS) missing.push(head + letter + tail);
    if (i === word.length) break;
    const rest = word.slice(i + 1);
    extra.push(head + rest);
    for (const letter of LETTERS) replaced.push(head + letter + rest);
    if (i + 1 < word.length) swapped.push(head + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [swapped, missing, extra, replaced];
}

/** What {@linkcode TypoReadings} asks of the vocabulary. */
export interface TypoLexicon {
  /** Whether the vectors know the folded word (it or its stem has a row). */
  knows(word: string): boolean;
  /**
   * How common a folded word as written is (its frequency rank, lower: more common), or
   * undefined when it is no word a misspelling can stand for (no row, or not in WordNet).
   */
  commonness(word: string): number | undefined;
  /** A known folded word's unit vector (`WordVectors.unit`). */
  unit(word: string): Float32Array | undefined;
  /** A folded word's informativeness (`WordVectors.informativeness`). */
  informativeness(word: string): number;
}

/** The word a misspelt word stands for, as alignment reads it. */
export interface MisspeltWord {
  /** The stem of the word meant. */
  stem: string;
  /** Its unit vector times {@linkcode TYPO_SIMILARITY}: a reduced weight in every cosine. */
  unit: Float32Array;
  /** Its informativeness. */
  informativeness: number;
}

/** The word a misspelt word stands for, remembered by word (bounded). */
export class TypoReadings {
  readonly #lexicon: TypoLexicon;
  readonly #memo = new Map<string, string | null>();
  readonly #read = new Map<string, MisspeltWord | null>();

  constructor(lexicon: TypoLexicon) {
    this.#lexicon = lexicon;
  }

  /**
   * The word folded `word` misses by one edit, or undefined when it is short, known, not plain
   * letters, or one edit from no WordNet word. Of the edits, the likeliest group with any such
   * word wins ({@linkcode oneEditAway}), and in it the most common word.
   */
  reading(word: string): string | undefined {
    if (word.length < TYPO_MIN_LETTERS || !/^[a-z]+$/.test(word)) return undefined;
    const known = this.#memo.get(word);
    if (known !== undefined) return known ?? undefined;
    let best: string | null = null;
    if (!this.#lexicon.knows(word)) {
      for (const group of oneEditAway(word)) {
        let bestCommonness = Infinity;
        for (const edit of group) {
          const commonness = edit === word ? undefined : this.#lexicon.commonness(edit);
          if (commonness !== undefined && commonness < bestCommonness) {
            best = edit;
            bestCommonness = commonness;
          }
        }
        if (best !== null) break;
      }
    }
    makeRoom(this.#memo, TYPO_MEMO_LIMIT);
    this.#memo.set(word, best);
    return best ?? undefined;
  }

  /**
   * The word folded `word` stands for ({@linkcode reading}) with its vector at
   * {@linkcode TYPO_SIMILARITY}'s length; undefined for none. Remembered by word (bounded).
   */
  misspelt(word: string): MisspeltWord | undefined {
    const known = this.#read.get(word);
    if (known !== undefined) return known ?? undefined;
    const meant = this.reading(word);
    const unit = meant === undefined ? undefined : this.#lexicon.unit(meant);
    const read = meant === undefined || unit === undefined ? null : {
      stem: stem(meant),
      unit: unit.map((value) => value * TYPO_SIMILARITY),
      informativeness: this.#lexicon.informativeness(meant),
    };
    makeRoom(this.#read, TYPO_MEMO_LIMIT);
    this.#read.set(word, read);
    return read ?? undefined;
  }
}

/** {@linkcode withTypoReading}'s maps by the stem a misspelling stands for. */
const readAlone = new Map<string, ReadonlyMap<string, number>>();

/**
 * `related` (a misspelt stem's relations, mostly none) with `meant`, the stem it stands for, at
 * {@linkcode TYPO_SIMILARITY}; `related` itself when there is none.
 */
export function withTypoReading(
  related: ReadonlyMap<string, number> | undefined,
  meant: string | undefined,
): ReadonlyMap<string, number> | undefined {
  if (meant === undefined || related?.has(meant)) return related;
  if (related !== undefined && related.size > 0) {
    return new Map([[meant, TYPO_SIMILARITY], ...related]);
  }
  let map = readAlone.get(meant);
  if (map === undefined) {
    map = new Map([[meant, TYPO_SIMILARITY]]);
    makeRoom(readAlone, TYPO_MEMO_LIMIT);
    readAlone.set(meant, map);
  }
  return map;
}
