/**
 * The words of a question that name the slot its answer fills rather than what it is about:
 * "long" in "How long was I a nurse?", "day" in "Which day is Mesa shut?", "old" in "How old is
 * Mila?". The answer says a value ("after 38 years", "closed on Mondays", "just turned five"),
 * seldom the slot's own word, while remarks that share the word literally ("a long walk", "every
 * day", "my old friends") answer nothing. So these words weigh as question-frame words
 * (`query_frames.ts`), and the slot is checked by its answer type instead (`query.ts`'s
 * `answerType`: × 0.9 for a memory that names no time or amount). Only the slots an answer type
 * checks are read: a unit of time after "what"/"which" and "long" after "how" (`asksWhen`), a word
 * of measure after "how" (`asksQuantity`). Both lists are those closed classes' own.
 *
 * @module
 */
import { HOW_MEASURES } from "./quantity_words.ts";
import { ASKED_UNITS } from "./time_words.ts";

/** `word` without a plural "s" ("days", "years"). */
function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") ? word.slice(0, -1) : word;
}

/**
 * Whether the folded word at `i` of `folded` names the slot its question asks to fill: a word of
 * measure or "long" right after "how", a unit of time right after "what" or "which".
 */
export function isSlotWord(folded: readonly string[], i: number): boolean {
  const before = folded[i - 1];
  const word = folded[i]!;
  if (before === "how") return word === "long" || HOW_MEASURES.has(word);
  if (before === "what" || before === "which") return ASKED_UNITS.has(singular(word));
  return false;
}
