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
import { HOW_MEASURES, NUMBER_WORDS } from "./quantity_words.ts";
import { ASKED_UNITS } from "./time_words.ts";
import { words } from "./text.ts";
import { asciiWords } from "./query_words.ts";

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

/** Units of time a span is counted in ("38 years", "six weeks", "a couple of months"). */
const SPAN_UNITS: ReadonlySet<string> = new Set(
  ["second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year", "decade"],
);
/** Words between a count and its unit ("a couple of months", "two whole years"). */
const SPAN_FILLERS: ReadonlySet<string> = new Set(["of", "whole", "full", "more", "long"]);

/** Whether `text` asks how long: "how long" ("How long was I a nurse for?"). */
export function asksSpan(text: string): boolean {
  const folded = asciiWords(text) ?? words(text);
  for (let i = 1; i < folded.length; i++) {
    if (folded[i - 1] === "how" && folded[i] === "long") return true;
  }
  return false;
}

/**
 * Whether `text` says a span of time, the answer to "how long": a count and a unit of time
 * ("after 38 years", "for two weeks", "a couple of months"), not a frequency ("every couple of
 * months", "twice a week": the count is of times, not of the unit), or "since" ("since 2016",
 * "since I was a kid").
 */
export function namesSpan(text: string): boolean {
  const folded = words(text);
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i]!;
    if (word === "since") return true;
    if (!/^\d+$/.test(word) && !NUMBER_WORDS.has(word)) continue;
    if (folded[i - 1] === "every" || folded[i - 2] === "every") continue;
    let at = i + 1;
    while (at < folded.length && at <= i + 2 && SPAN_FILLERS.has(folded[at]!)) at++;
    if (SPAN_UNITS.has(singular(folded[at] ?? ""))) return true;
  }
  return false;
}
