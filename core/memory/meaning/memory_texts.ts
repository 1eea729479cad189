/**
 * Memories' texts as word alignment reads them (`WordVectors.contentWords`): each text's distinct
 * content words prepared (`memory_words.ts`) and its WordNet phrases (`memory_phrases.ts`),
 * remembered by text, and each memory word prepared once for every text that holds it.
 *
 * @module
 */
import { makeRoom } from "../oldest_first.ts";
import { stem } from "../text.ts";
import type { Relatives } from "../phrases.ts";
import { memoryPhrases } from "./memory_phrases.ts";
import { memoryWords } from "./memory_words.ts";
import type { PreparedWord } from "./prepared_word.ts";
import type { WordRows } from "./word_rows.ts";

/** Texts whose prepared words are remembered (then the memory starts over). */
export const TEXT_CACHE_LIMIT = 32_768;
/** Memory words remembered prepared (then the oldest go), as many as the vectors' units. */
export const MEMORY_WORD_LIMIT = 50_000;

/** What a memory's words read of the word vectors. */
export interface MemoryTextWords extends Relatives {
  /** The unit vector of a folded word (`WordVectors.unit`), if known. */
  unit(word: string): Float32Array | undefined;
}

/** The prepared words of memories' texts, remembered by text and by word. */
export class MemoryTexts {
  readonly #words: MemoryTextWords;
  readonly #table: WordRows;
  readonly #texts = new Map<string, readonly PreparedWord[]>();
  /** Memory words prepared, one object for every text that holds the word (never changed). */
  readonly #memoryWords = new Map<string, PreparedWord>();

  /** Texts read by `words`, their informativeness looked up in `table`. */
  constructor(words: MemoryTextWords, table: WordRows) {
    this.#words = words;
    this.#table = table;
  }

  /**
   * The distinct content words of `text`, prepared. Remembered by text: the same memories come
   * back search after search.
   */
  contentWords(text: string): readonly PreparedWord[] {
    let prepared = this.#texts.get(text);
    if (prepared === undefined) {
      const own = memoryWords(text, (word) => this.#memoryWord(word));
      prepared = [...withNames(text, own.words), ...memoryPhrases(own.terms, this.#words)];
      // The oldest texts go first.
      makeRoom(this.#texts, TEXT_CACHE_LIMIT);
      this.#texts.set(text, prepared);
    }
    return prepared;
  }

  /**
   * A memory's content word prepared, remembered: a word's stem, vector and informativeness are
   * the same in every text, and a text new to {@linkcode contentWords} is mostly words seen before.
   */
  #memoryWord(word: string): PreparedWord {
    let prepared = this.#memoryWords.get(word);
    if (prepared === undefined) {
      const wordStem = stem(word);
      // The row found once, with the stem at hand (`informativeness` would look it up again).
      const row = this.#table.rows.get(word) ?? this.#table.rowsByStem.get(wordStem);
      prepared = {
        word,
        stem: wordStem,
        unit: this.#words.unit(word),
        informativeness: this.#table.informativenessOf(row),
      };
      makeRoom(this.#memoryWords, MEMORY_WORD_LIMIT);
      this.#memoryWords.set(word, prepared);
    }
    return prepared;
  }
}

/** A word of letters, its first letter's case read (`withNames`). */
const LETTER_WORD = /[A-Za-z]+/g;

/**
 * `words` of `text`, each word unknown to the vectors that the text writes only with a capital
 * first ("Steph's birthday is on 3 May") marked `named` in a copy: a name, never a short form
 * (`short_forms.ts`). One pass over the text, only when it has a capital and an unknown word.
 */
function withNames(text: string, words: PreparedWord[]): PreparedWord[] {
  if (text === text.toLowerCase() || words.every((word) => word.unit !== undefined)) return words;
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const [word] of text.matchAll(LETTER_WORD)) {
    const first = word.charCodeAt(0);
    (first < 97 ? capitalised : lower).add(word.toLowerCase());
  }
  return words.map((word) =>
    word.unit === undefined && capitalised.has(word.word) && !lower.has(word.word)
      ? { ...word, named: true }
      : word
  );
}
