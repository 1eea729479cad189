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

/**
 * `text` cut so that its NFKC form has at most about `max` characters, between graphemes as
 * `cutText` cuts (each character counted by what it folds to alone: composition only shortens).
 * Text that folds within `max` is returned as it is, so ordinary text is never cut below its
 * raw limit's reach.
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
  return cutText(text, end);
}
