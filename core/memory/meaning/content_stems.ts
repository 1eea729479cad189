/**
 * The distinct content words of a text with their stems, in order (the words word alignment
 * weighs, `weightedQuery`), remembered for memory texts: ranking's same-subject comparisons
 * weigh the words of a search's best candidates, and the same memories come back search after
 * search (splitting, content-word tests and stemming were ~2 % of a chat's recall). Bounded:
 * past {@linkcode CONTENT_STEMS_LIMIT} texts or {@linkcode CONTENT_STEMS_CHARS} characters the
 * memory starts over.
 *
 * @module
 */
import { isContentWord, stem, words } from "../text.ts";

/** A content word of a text and its stem. */
export interface ContentStem {
  word: string;
  stem: string;
}

/** Texts remembered (then started over). */
export const CONTENT_STEMS_LIMIT = 8_192;
/** Characters of remembered texts (then started over): about 1 MB of keys. */
export const CONTENT_STEMS_CHARS = 524_288;

/** The distinct content words of `text` (by stem, first form kept) and their stems, in order. */
export function contentStems(text: string): readonly ContentStem[] {
  const seen = new Set<string>();
  const result: ContentStem[] = [];
  for (const word of words(text)) {
    if (!isContentWord(word)) continue;
    const wordStem = stem(word);
    if (seen.has(wordStem)) continue;
    seen.add(wordStem);
    result.push({ word, stem: wordStem });
  }
  return Object.freeze(result);
}

const remembered = new Map<string, readonly ContentStem[]>();
let rememberedChars = 0;

/** {@linkcode contentStems} of a memory's text, remembered (see the module's documentation). */
export function memoryContentStems(text: string): readonly ContentStem[] {
  let found = remembered.get(text);
  if (found === undefined) {
    found = contentStems(text);
    if (
      remembered.size >= CONTENT_STEMS_LIMIT || rememberedChars + text.length > CONTENT_STEMS_CHARS
    ) {
      remembered.clear();
      rememberedChars = 0;
    }
    remembered.set(text, found);
    rememberedChars += text.length;
  }
  return found;
}

/** How many texts are remembered (for tests). */
export function rememberedContentStems(): number {
  return remembered.size;
}
