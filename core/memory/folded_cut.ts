/**
 * Length limits counted after Unicode folding. Every analyser reads a text folded (NFKC, or
 * NFKD then NFC: `text_unicode.ts`), and one character may fold to many: U+FDFA to 18 characters
 * of four words, so 2,000 characters of it read as 36,000 (attack30 F6, F7). A memory or a query
 * is cut where its folded form reaches its limit; a text that folds within it is kept whole.
 *
 * @module
 */
import { cutText } from "../text_cut.ts";

/** The most characters one character folds to under NFKC (U+FDFA). */
const MOST_FOLDED = 18;

/** Code points whose folded length was asked, with it (few distinct ones in any text). */
const foldedLengths = new Map<number, number>();

/** How many characters `char` (one code point) folds to under NFKC. */
function foldedLength(char: string, code: number): number {
  if (code < 0xa0) return char.length;
  let length = foldedLengths.get(code);
  if (length === undefined) {
    length = char.normalize("NFKC").length;
    if (foldedLengths.size < 65_536) foldedLengths.set(code, length);
  }
  return length;
}

/** The most UTF-16 units that compose into one folded unit (a Hangul L V T, a letter + 2 marks). */
const MOST_COMPOSED = 3;

/**
 * `text` cut so that its NFKC form has at most `max` characters, between graphemes as `cutText`
 * cuts. Text that folds within `max` is returned as it is, so ordinary text is never cut below
 * its raw limit's reach.
 */
export function cutFolded(text: string, max: number): string {
  if (text.length * MOST_FOLDED <= max) return text;
  if (text.normalize("NFKC").length <= max) return text;
  let folded = 0;
  let end = 0;
  for (const char of text) {
    folded += foldedLength(char, char.codePointAt(0)!);
    if (folded > max) break;
    end += char.length;
  }
  return cutText(text, longestWithin(text, { from: end, max }));
}

/** The NFKC length of `text`'s first `end` units (never ending inside a surrogate pair). */
function foldedPrefix(text: string, end: number): number {
  return text.slice(0, end).normalize("NFKC").length;
}

/**
 * The longest prefix length from `from` on whose fold stays within `max`. The sum of each code
 * point's fold (`from`) over-counts what composes (a base letter and its NFD mark fold to one
 * character, counted two): decomposed text was cut up to 30 % short (review42 R9). A prefix's
 * fold never shrinks as it grows, so the cut is found by halving, within the reach of the units
 * still allowed (each folds to at least a third of a unit).
 */
function longestWithin(text: string, { from, max }: { from: number; max: number }): number {
  let low = from;
  const spare = max - foldedPrefix(text, low);
  if (spare < 0) return low;
  let high = Math.min(text.length, low + spare * MOST_COMPOSED + MOST_COMPOSED);
  while (low < high) {
    // A prefix ending inside a surrogate pair counts its lone half as one unit: still monotone.
    const middle = Math.ceil((low + high) / 2);
    if (foldedPrefix(text, middle) <= max) low = middle;
    else high = middle - 1;
  }
  return low;
}
