/**
 * A text's stemmed content words in order, broken at clauses, as `memory_phrases.ts` reads them.
 *
 * @module
 */
import { isContentWord, stem, words } from "../text.ts";

/** Where a phrase cannot run on: the end of a sentence or clause ("The soup was hot. Dog ..."). */
const CLAUSE_BREAK = /[.!?;:,()\[\]"]+/;

/**
 * The stemmed content words of `text` in order, as `memoryPhrases` reads them, with an empty
 * term at each clause break so that no phrase spans two clauses ("hot. Dog" is no "hot dog").
 */
export function phraseTerms(text: string): string[] {
  const sequence: string[] = [];
  for (const clause of text.split(CLAUSE_BREAK)) {
    if (sequence.length > 0) sequence.push("");
    for (const word of words(clause)) if (isContentWord(word)) sequence.push(stem(word));
  }
  return sequence;
}
