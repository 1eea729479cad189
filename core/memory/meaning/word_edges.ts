/**
 * Which starts and ends of two to {@linkcode EDGE_LETTERS} plain letters (a-z) the words of a
 * list have, and which runs of three letters, as bits: `typo_forms.ts` looks up about 54 edits
 * a letter of a misspelt word, and an edit that keeps more of its start, or of its end, than any
 * word shares, or that puts a letter where no word has those three letters in a row, can be no
 * word. Bounding them first spares about half the lookups for a word the vectors lack (a name, a
 * made-up word) and drops no edit that is a word. One pass over the list: ~7 ms for the 67,679
 * vector words, once, as the table loads (`word_rows.ts`); 2 × 66 KB and 2.5 KB.
 *
 * @module
 */
import type { SharedEdges } from "./typo_forms.ts";

/** The most letters of a start or an end kept. */
export const EDGE_LETTERS = 4;
/** a-z as 1-26 in base 27: k letters never share a code with another number of letters. */
const BASE = 27;
/** Codes of two letters: a run's first letter drops out past them. */
const PAIRS = BASE * BASE;
const A = 97;
const Z = 122;

/** The starts and ends of a list's words. */
export class WordEdges {
  readonly #starts = new Uint8Array(Math.ceil(BASE ** EDGE_LETTERS / 8));
  readonly #ends = new Uint8Array(Math.ceil(BASE ** EDGE_LETTERS / 8));
  readonly #trigrams = new Uint8Array(Math.ceil(BASE ** 3 / 8));

  /** The edges of `words` (the list read once). */
  constructor(words: readonly string[]) {
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      mark(this.#starts, word, 1);
      mark(this.#ends, word, -1);
      markTrigrams(this.#trigrams, word);
    }
  }

  /** Whether some word of the list has the letters of char codes `a`, `b`, `c` in a row. */
  readonly trigram = (a: number, b: number, c: number): boolean => {
    const code = ((a - A + 1) * BASE + b - A + 1) * BASE + c - A + 1;
    return (this.#trigrams[code >> 3]! & (1 << (code & 7))) !== 0;
  };

  /**
   * At most how many letters of plain-letter `word`'s start (and of its end) some word of the
   * list shares: k when none starts (ends) with its first (last) k + 1 letters, k below
   * {@linkcode EDGE_LETTERS}; else its length (no bound known).
   */
  shared(word: string): SharedEdges {
    return {
      start: sharedFrom(this.#starts, word, 1),
      end: sharedFrom(this.#ends, word, -1),
      trigram: this.trigram,
    };
  }
}

/** Sets the bits of `word`'s edge in `bits`: its start read forwards (`step` 1) or its end back. */
function mark(bits: Uint8Array, word: string, step: 1 | -1): void {
  let code = 0;
  for (let k = 0, at = step > 0 ? 0 : word.length - 1; k < EDGE_LETTERS && k < word.length; k++) {
    const letter = word.charCodeAt(at);
    if (letter < A || letter > Z) return;
    code = code * BASE + letter - A + 1;
    if (k > 0) bits[code >> 3] = bits[code >> 3]! | (1 << (code & 7));
    at += step;
  }
}

/** Sets the bits of every run of three plain letters in `word`. */
function markTrigrams(bits: Uint8Array, word: string): void {
  let code = 0;
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const letter = word.charCodeAt(i);
    if (letter < A || letter > Z) {
      run = 0;
      continue;
    }
    code = (code % PAIRS) * BASE + letter - A + 1;
    if (++run >= 3) bits[code >> 3] = bits[code >> 3]! | (1 << (code & 7));
  }
}

/** How many letters of `word`'s edge (as {@linkcode mark} reads it) `bits` may share. */
function sharedFrom(bits: Uint8Array, word: string, step: 1 | -1): number {
  let at = step > 0 ? 0 : word.length - 1;
  let code = word.charCodeAt(at) - A + 1;
  for (let k = 1; k < EDGE_LETTERS && k < word.length; k++) {
    at += step;
    code = code * BASE + word.charCodeAt(at) - A + 1;
    if ((bits[code >> 3]! & (1 << (code & 7))) === 0) return k;
  }
  return word.length;
}
