/**
 * A cheap filter ahead of `typoApart` for finding a word's slips among many words, by the
 * letters each holds (attack34 A1): the filter never turns a slip away, and keeps 4 bytes a
 * word (which letters a-z it holds). Both slip lookups use it, the word vectors' per text
 * (`stem_lookup.ts`) and the persona's stored words (`../store_vocabulary.ts`): deletion-key
 * indexes ("symmetric delete") held ~300 keys for a word of 24 letters (each pair of letters left
 * out), so a store of long made-up words built millions of keys (hundreds of MB) on a search,
 * while comparing letters is linear in the words' characters.
 *
 * @module
 */
import { typoEditsFor } from "./typo_pairs.ts";

/** How many of each letter a-z plain-letter `word` holds. */
export function letterCounts(word: string): Int16Array {
  const counts = new Int16Array(26);
  for (let i = 0; i < word.length; i++) counts[word.charCodeAt(i) - 97]!++;
  return counts;
}

/** Which letters a-z `word` holds, as bits (bit 0: "a"); 0 when it holds any other character. */
export function lettersHeld(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) {
    const at = word.charCodeAt(i) - 97;
    if (at < 0 || at > 25) return 0;
    bits |= 1 << at;
  }
  return bits;
}

/** How many bits of 32-bit `value` are set. */
function bitsSet(value: number): number {
  value -= (value >>> 1) & 0x55555555;
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Scratch counts for {@linkcode lettersWithin}. */
const left = new Int16Array(26);

/**
 * Whether the letters of `text` (plain letters only) differ from `counts` by at most `most`,
 * counted as letters one has more than the other. An edit changes that count by at most two (a
 * letter left out or added by one, a letter replaced by two, a swap by none), so two words
 * within `most / 2` edits pass: a filter that never loses a slip (`typoApart` decides).
 */
export function lettersWithin(counts: Int16Array, text: string, most: number): boolean {
  left.set(counts);
  for (let i = 0; i < text.length; i++) {
    const at = text.charCodeAt(i) - 97;
    if (at < 0 || at > 25) return false;
    left[at]!--;
  }
  let apart = 0;
  for (let i = 0; i < 26; i++) {
    const difference = left[i]!;
    apart += difference < 0 ? -difference : difference;
    if (apart > most) return false;
  }
  return true;
}

/** A plain-letter word looking for its slips: its letters counted once for all its comparisons. */
export class SlipProbe {
  readonly word: string;
  readonly #first: number;
  readonly #counts: Int16Array;
  readonly #held: number;

  /** `word`: plain letters a-z (the caller checks). */
  constructor(word: string) {
    this.word = word;
    this.#first = word.charCodeAt(0);
    this.#counts = letterCounts(word);
    this.#held = lettersHeld(word);
  }

  /**
   * Whether `text` (holding the letters `held`, {@linkcode lettersHeld}) may be a slip of the
   * word or it of `text`: the same first letter, a length within the edits allowed, and letters
   * that differ by at most twice those edits. Never false for a pair `typoApart` allows.
   */
  mayBeSlip(text: string, held: number): boolean {
    if (text.charCodeAt(0) !== this.#first) return false;
    const limit = typoEditsFor(Math.min(this.word.length, text.length));
    if (Math.abs(text.length - this.word.length) > limit) return false;
    // An edit adds or takes away at most two letters of those a word holds: a cheap first test.
    if (bitsSet(this.#held ^ held) > 2 * limit) return false;
    return lettersWithin(this.#counts, text, 2 * limit);
  }

  /**
   * Of `texts`, all of `length` letters and the word's first letter, holding the letters
   * `held` ({@linkcode lettersHeld}) in order, those {@linkcode mayBeSlip} passes, pushed to
   * `into`: the length's test made once for all, the letters' bits read before any text (a
   * store's scan over thousands of words of one first letter, `../store_vocabulary.ts`).
   */
  collect(
    texts: { length: number; held: ArrayLike<number>; texts: readonly string[] },
    into: string[],
  ): void {
    const limit = typoEditsFor(Math.min(this.word.length, texts.length));
    if (Math.abs(texts.length - this.word.length) > limit) return;
    const own = this.#held;
    const { held } = texts;
    for (let i = 0; i < held.length; i++) {
      if (bitsSet(own ^ held[i]!) > 2 * limit) continue;
      const text = texts.texts[i]!;
      if (lettersWithin(this.#counts, text, 2 * limit)) into.push(text);
    }
  }
}
