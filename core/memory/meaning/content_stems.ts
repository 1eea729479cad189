/**
 * The distinct content words of a text with their stems, in order (the words word alignment
 * weighs, `weightedQuery`), remembered for memory texts: ranking's same-subject comparisons
 * weigh the words of a search's best candidates, and the same memories come back search after
 * search (splitting, content-word tests and stemming were ~2 % of a chat's recall). Bounded:
 * past {@linkcode CONTENT_STEMS_LIMIT} texts or {@linkcode CONTENT_STEMS_CHARS} characters the
 * memory starts over; and a memory's words are read from its head only
 * ({@linkcode SUBJECT_TEXT_CHARS}).
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

/**
 * Characters of a memory's text its subject words are read from (fix135): the head, cut after
 * its last whole word. What a fact is about is said at its head, and every distinct word read is
 * weighed and given its meaning (vectors, relations, `word_pairs.ts`) on the first search that
 * compares the text: ten 10,000-character memories of distinct words cost that search ~2 s of
 * its ~2.8 s (0.2 s a text, loaded machine). Ten times any recall set's longest memory (194
 * characters) and the length a chat's query is cut to.
 */
export const SUBJECT_TEXT_CHARS = 2_000;

/** The head of `text` whose subject words are read: {@linkcode SUBJECT_TEXT_CHARS}, whole words. */
export function subjectHead(text: string): string {
  if (text.length <= SUBJECT_TEXT_CHARS) return text;
  // A word cut in two would read as another word: the head ends before it (unless it is all one
  // word, which no cut makes a word of).
  let end = SUBJECT_TEXT_CHARS;
  while (end > 0 && !/\s/.test(text[end]!)) end--;
  return text.slice(0, end > 0 ? end : SUBJECT_TEXT_CHARS);
}

const remembered = new Map<string, readonly ContentStem[]>();
let rememberedChars = 0;

/**
 * {@linkcode contentStems} of a memory's text's head ({@linkcode subjectHead}), remembered by the
 * text (see the module's documentation).
 */
export function memoryContentStems(text: string): readonly ContentStem[] {
  let found = remembered.get(text);
  if (found === undefined) {
    found = contentStems(subjectHead(text));
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
