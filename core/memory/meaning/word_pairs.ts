/**
 * Query words' cosines with memory words, remembered across searches: a search compares each
 * query word with the words of up to a hundred candidates (`highestCosine`, ranking's
 * same-subject comparisons), and the next search asks most of the same pairs again (a
 * conversation keeps its topic; the same memories come back). A pair's cosine depends on the two
 * words and the word data alone (`preparedSimilarity`), so it is kept per word data. Bounded:
 * past {@linkcode WORD_PAIR_LIMIT} pairs the memory starts over.
 *
 * @module
 */
import type { PreparedWord, WordMeanings } from "./prepared_word.ts";
import { WordCosines } from "./word_table.ts";

/** Word-pair cosines remembered per word data (then started over). */
export const WORD_PAIR_LIMIT = 200_000;
/**
 * Slots of the query words' cosine hashes (`WordCosines`: an Int32 id and a Float64 cosine, 12
 * bytes each) allocated per word data before the memory starts over: 12 MB.
 */
export const COSINE_CELL_LIMIT = 1_048_576;

/** A query word prepared once, with its cosines with the memory words seen so far. */
export interface ComparedWordState {
  prepared: PreparedWord;
  seen: WordCosines;
}

/** The query words of one word data and their remembered cosines. */
export class WordPairs {
  readonly #vectors: WordMeanings;
  readonly #words = new Map<string, ComparedWordState>();
  #pairs = 0;
  #cells = 0;

  constructor(vectors: WordMeanings) {
    this.#vectors = vectors;
  }

  /** How many query words are remembered (for tests). */
  get wordCount(): number {
    return this.#words.size;
  }

  /** How many cosines are remembered (for tests). */
  get pairs(): number {
    return this.#pairs;
  }

  /** `word` prepared, with the cosines remembered for it (shared: callers add to `seen`). */
  word(word: string): ComparedWordState {
    // Words count too: a word compared with no memory word (a candidate with no content
    // words) adds no pair, and would otherwise be kept for good.
    if (
      this.#pairs + this.#words.size >= WORD_PAIR_LIMIT || this.#cells >= COSINE_CELL_LIMIT
    ) {
      // Their slot arrays serve the next words' hashes (`cosine_slots.ts`).
      for (const state of this.#words.values()) state.seen.release();
      this.#words.clear();
      this.#pairs = 0;
      this.#cells = 0;
    }
    let state = this.#words.get(word);
    if (state === undefined) {
      state = { prepared: this.#vectors.prepare(word), seen: new WordCosines(this) };
      this.#words.set(word, state);
    }
    return state;
  }

  /** How many cosine cells are allocated (for tests). */
  get cells(): number {
    return this.#cells;
  }

  /** Counts `count` more remembered cosines (written into a `seen`). */
  added(count: number): void {
    this.#pairs += count;
  }

  /** Counts `cells` more cells allocated for a `seen`. */
  grew(cells: number): void {
    this.#cells += cells;
  }
}

const pairsOf = new WeakMap<WordMeanings, WordPairs>();

/** The word pairs remembered for `vectors` (shared by every search that uses them). */
export function wordPairs(vectors: WordMeanings): WordPairs {
  let pairs = pairsOf.get(vectors);
  if (pairs === undefined) {
    pairs = new WordPairs(vectors);
    pairsOf.set(vectors, pairs);
  }
  return pairs;
}
