/**
 * A memory's words as word alignment reads them (`WordVectors.contentWords`): its distinct
 * content words, and its stemmed content words in order broken at clauses (`phraseTerms`, for
 * its WordNet phrases), both from one pass over a plain ASCII text (most memories), where the
 * two used to read the text twice.
 *
 * @module
 */
import { isAscii, isContentWord, words } from "../text.ts";
import { phraseTerms } from "./phrase_terms.ts";
import type { PreparedWord } from "./prepared_word.ts";

/**
 * A word of plain ASCII text, or a run of the characters that end a clause (`phraseTerms`'s
 * breaks): lower-cased ASCII text splits into the same words whole (`words`) or clause by clause.
 */
const ASCII_WORD_OR_BREAK = /[a-z0-9]+|[.!?;:,()\[\]"]+/g;

/** What {@linkcode memoryWords} gives. */
export interface MemoryWords {
  /** The distinct content words, prepared, in the order they first occur. */
  words: PreparedWord[];
  /** `phraseTerms` of the text. */
  terms: string[];
}

/**
 * The distinct content words of `text` prepared by `prepare` (called once per distinct content
 * word, in order of first occurrence), and `phraseTerms(text)`. The stems come from the prepared
 * words (`prepare(word).stem` is `stem(word)`).
 */
export function memoryWords(
  text: string,
  prepare: (word: string) => PreparedWord,
): MemoryWords {
  const byWord = new Map<string, PreparedWord>();
  if (!isAscii(text)) {
    for (const word of words(text)) {
      if (!byWord.has(word) && isContentWord(word)) byWord.set(word, prepare(word));
    }
    return { words: [...byWord.values()], terms: phraseTerms(text) };
  }
  const terms: string[] = [];
  for (const token of text.toLowerCase().match(ASCII_WORD_OR_BREAK) ?? []) {
    const first = token.charCodeAt(0);
    // Not a digit nor a lower-case letter: a clause break.
    if (first < 48 || (first > 57 && first < 97)) {
      // `phraseTerms`: an empty term where a clause starts after any term.
      if (terms.length > 0) terms.push("");
      continue;
    }
    if (!isContentWord(token)) continue;
    let prepared = byWord.get(token);
    if (prepared === undefined) byWord.set(token, prepared = prepare(token));
    terms.push(prepared.stem);
  }
  return { words: [...byWord.values()], terms };
}
